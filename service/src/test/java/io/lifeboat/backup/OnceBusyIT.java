package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --once} never runs next to another instance's backup: it waits for the lock up to
 * lifeboat.lock.wait, then exits 9 (busy) naming the holder; a lock freed in time is taken.
 */
@RealEtcd
@RealS3
class OnceBusyIT {

    private static final String LOCK_KEY = "/lifeboat/busy/backup-lock";

    @Test
    void once_lockHeldLongerThanTheWait_exitsBusyNamingTheHolderThenTakesItOnceFreed(EtcdCluster etcd,
                                                                                   S3Bucket bucket) {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 1L << 20, 7);
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", "busy");
        URI uri = URI.create(etcd.member(0).clientUrl());
        ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext()
                .proxyDetector(address -> null).build();
        try {
            // Another instance's lock, as BackupLock writes it; its lease is not kept alive and expires in 10 s.
            long lease = LeaseGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(10).build()).getID();
            KVGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).put(PutRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8(LOCK_KEY)).setValue(ByteString.copyFromUtf8("lifeboat 1@node-b"))
                    .setLease(lease).build());

            properties.put("lifeboat.lock.wait", "1s");
            Run busy = once(properties);

            assertThat(busy.code).isEqualTo(FailureKind.BUSY.exitCode()).isEqualTo(9);
            assertThat(busy.err).contains(LOCK_KEY).contains("lifeboat 1@node-b").contains("lifeboat.lock.wait");
            assertThat(busy.out).isEmpty();

            properties.put("lifeboat.lock.wait", "60s");
            Run waited = once(properties);

            assertThat(waited.code).as(waited.err).isZero();
            assertThat(waited.out).contains("stored snapshot");
        } finally {
            channel.shutdownNow();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run once(Map<String, Object> properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OnceCommand.run(new String[] {"--once"}, properties, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
