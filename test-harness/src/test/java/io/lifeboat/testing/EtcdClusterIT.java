package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealEtcd
class EtcdClusterIT {

    @Test
    void start_singleMember_answersPutAndGet(EtcdCluster cluster) {
        EtcdMember member = cluster.member(0);
        assertThat(cluster.members()).hasSize(1);
        assertThat(cluster.clientEndpoints()).isEqualTo(member.clientUrl()).startsWith("http://127.0.0.1:");
        assertThat(member.isRunning()).isTrue();

        put(member.clientUrl(), "/registry/pods/default/hello", "world");

        assertThat(get(member.clientUrl(), "/registry/pods/default/hello")).isEqualTo("world");
        assertThat(Files.isDirectory(member.dataDir().resolve("member"))).isTrue();
    }

    @Test
    void start_threeMembers_becomesHealthyAndSurvivesLeaderKill(@TempDir Path dir) {
        try (EtcdCluster cluster = EtcdCluster.start(3, dir)) {
            assertThat(cluster.clientEndpoints().split(",")).hasSize(3);
            assertThat(cluster.members()).allMatch(EtcdMember::isRunning);
            long leaderId = status(cluster.member(0).clientUrl()).getLeader();
            assertThat(leaderId).isNotZero();
            assertThat(status(cluster.member(2).clientUrl()).getLeader()).isEqualTo(leaderId);
            EtcdMember leader = cluster.members().stream()
                    .filter(m -> status(m.clientUrl()).getHeader().getMemberId() == leaderId)
                    .findFirst().orElseThrow();

            leader.kill();
            assertThat(leader.isRunning()).isFalse();
            cluster.awaitHealthy();
            EtcdMember survivor = cluster.members().stream().filter(EtcdMember::isRunning)
                    .findFirst().orElseThrow();
            put(survivor.clientUrl(), "/registry/leases/kube-node-lease/n1",
                    "written without the old leader");

            leader.start();
            // Linearizable read on the restarted member: it caught up with what it missed.
            assertThat(get(leader.clientUrl(), "/registry/leases/kube-node-lease/n1"))
                    .isEqualTo("written without the old leader");
            assertThat(status(survivor.clientUrl()).getLeader()).isNotEqualTo(leaderId);
        }
        assertThat(dir.resolve("etcd-0.log")).isNotEmptyFile();
    }

    @Test
    void stop_thenStart_keepsDataAndPorts(EtcdCluster cluster) {
        EtcdMember member = cluster.member(0);
        String url = member.clientUrl();
        put(url, "/registry/configmaps/default/kept", "across restart");

        member.stop();
        assertThat(member.isRunning()).isFalse();
        member.start();

        assertThat(member.clientUrl()).isEqualTo(url);
        assertThat(get(url, "/registry/configmaps/default/kept")).isEqualTo("across restart");
    }

    static StatusResponse status(String endpoint) {
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            return MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .status(StatusRequest.getDefaultInstance());
        } finally {
            EtcdChannels.close(channel);
        }
    }

    static void put(String endpoint, String key, String value) {
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            KVGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                            .setValue(ByteString.copyFromUtf8(value)).build());
        } finally {
            EtcdChannels.close(channel);
        }
    }

    static String get(String endpoint, String key) {
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            var kvs = KVGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).build())
                    .getKvsList();
            return kvs.isEmpty() ? null : kvs.get(0).getValue().toStringUtf8();
        } finally {
            EtcdChannels.close(channel);
        }
    }
}
