package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@RealEtcd
class KeyspaceGeneratorIT {

    private static final long TARGET_BYTES = 16L * 1024 * 1024;

    private final KeyspaceGenerator generator = new KeyspaceGenerator();

    @Test
    void fill_16MiBTarget_reachesTargetWithRegistryKeysAndHistory(EtcdCluster cluster) {
        String endpoint = cluster.clientEndpoints();

        FillResult result = generator.fill(endpoint, TARGET_BYTES, 1L);

        assertThat(result.dbSizeBytes()).isGreaterThanOrEqualTo(TARGET_BYTES);
        assertThat(EtcdClusterIT.status(endpoint).getDbSize()).isEqualTo(result.dbSizeBytes());
        assertThat(result.deletes()).isPositive();
        assertThat(result.puts()).isGreaterThan(result.deletes() * 5);
        // Updates and deletes: more revisions than live keys.
        assertThat(result.lastRevision()).isGreaterThan(result.liveKeys() + result.deletes());
        assertThat(result.liveKeys()).isEqualTo(count(endpoint, "/registry/"))
                .isLessThan(result.puts());
        assertThat(count(endpoint, "/registry/pods/")).isPositive();
        assertThat(count(endpoint, "/registry/secrets/")).isPositive();
    }

    @Test
    void putWithLease_keyIsAttachedToTheReturnedLease(EtcdCluster cluster) {
        String endpoint = cluster.clientEndpoints();

        long leaseId = generator.putWithLease(endpoint, "/registry/leases/kube-system/lock",
                "holder".getBytes(StandardCharsets.UTF_8), 600);

        RangeResponse response = range(endpoint, "/registry/leases/kube-system/lock", 0);
        assertThat(leaseId).isNotZero();
        assertThat(response.getKvs(0).getLease()).isEqualTo(leaseId);
    }

    @Test
    void compact_toRevision_makesOlderRevisionsUnreadable(EtcdCluster cluster) {
        String endpoint = cluster.clientEndpoints();
        EtcdClusterIT.put(endpoint, "/registry/configmaps/default/versioned", "v1");
        long firstRevision = EtcdClusterIT.status(endpoint).getHeader().getRevision();
        EtcdClusterIT.put(endpoint, "/registry/configmaps/default/versioned", "v2");
        assertThat(range(endpoint, "/registry/configmaps/default/versioned", firstRevision)
                .getKvs(0).getValue().toStringUtf8()).isEqualTo("v1");

        generator.compact(endpoint, firstRevision + 1);

        assertThatThrownBy(() -> range(endpoint, "/registry/configmaps/default/versioned", firstRevision))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("compacted");
    }

    private static long count(String endpoint, String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            return KVGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(prefix))
                            .setRangeEnd(ByteString.copyFrom(end)).setCountOnly(true).build())
                    .getCount();
        } finally {
            EtcdChannels.close(channel);
        }
    }

    private static RangeResponse range(String endpoint, String key, long revision) {
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            return KVGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                            .setRevision(revision).build());
        } finally {
            EtcdChannels.close(channel);
        }
    }
}
