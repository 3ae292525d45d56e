package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.lifeboat.ServiceProcess;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lock holder is SIGKILLed mid-upload: no revoke is sent, so etcd must free the lock when the
 * lease's TTL runs out; the next instance then backs up, and its start-up sweep aborts the upload
 * the killed one left.
 */
@RealEtcd
@RealS3
class OneWriterKillIT {

    private static final String CLUSTER = "killed";
    private static final String LOCK_KEY = "/lifeboat/" + CLUSTER + "/backup-lock";
    private static final Duration TTL = Duration.ofSeconds(3);

    @Test
    void lockHolderKilledMidUpload_lockExpiresWithinTtlAndTheNextInstanceBacksUpAndSweepsTheUpload(
            EtcdCluster etcd, S3Bucket bucket, @TempDir Path dir) throws Exception {
        // Random values barely compress: ~48 MiB of object, one 5 MiB part at a time, a few seconds of upload.
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 48L << 20, 17);
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", CLUSTER);
        properties.put("lifeboat.lock.ttl", TTL.toSeconds() + "s");
        properties.put("lifeboat.s3.max-in-flight-parts", "1");
        String prefix = CLUSTER + "/snapshots/";
        long lockGoneAfterMillis;

        ManagedChannel channel = channel(etcd.member(0).clientUrl());
        try (ServiceProcess holder = ServiceProcess.start(properties, dir, "--once")) {
            await("the child holds the lock and its upload has started", Duration.ofMinutes(2),
                    () -> lockPresent(channel) && !uploads(bucket, prefix).isEmpty(), holder);

            holder.kill();
            assertThat(holder.waitFor(Duration.ofSeconds(30))).as("SIGKILL exit").isEqualTo(137);
            long killed = System.nanoTime();
            assertThat(lockPresent(channel)).as("the lock outlives a killed holder until its lease expires").isTrue();

            await("the lock key is gone", TTL.plus(Duration.ofSeconds(10)), () -> !lockPresent(channel), null);
            lockGoneAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            org.slf4j.LoggerFactory.getLogger(OneWriterKillIT.class)
                    .info("lock key expired {} ms after SIGKILL (ttl {})", lockGoneAfterMillis, TTL);
        } finally {
            channel.shutdownNow();
        }
        assertThat(uploads(bucket, prefix)).as("the killed backup's upload, left open").hasSize(1);

        Map<String, Object> survivor = ServiceProperties.of(etcd, bucket);
        survivor.put("lifeboat.cluster", CLUSTER);
        survivor.put("lifeboat.lock.ttl", TTL.toSeconds() + "s");
        survivor.put("lifeboat.s3.abandoned-upload-age", "0s");
        try (ApplicationContext next = ApplicationContext.run(survivor)) {
            Manifest manifest = next.getBean(BackupService.class).backup().block(Duration.ofMinutes(3));

            List<String> objects = bucket.client().listObjectsV2Paginator(r -> r.bucket(bucket.name()).prefix(prefix))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(lockGoneAfterMillis).as("ms from SIGKILL to the lock key's expiry")
                    .isLessThanOrEqualTo(TTL.plus(Duration.ofSeconds(10)).toMillis());
            assertThat(next.getBean(Catalog.class).list().collectList().block()).extracting(Manifest::id)
                    .containsExactly(manifest.id());
            assertThat(objects).containsExactly(manifest.object().key());
            assertThat(uploads(bucket, prefix)).as("incomplete uploads after the sweep").isEmpty();
        }
    }

    private static boolean lockPresent(ManagedChannel channel) {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(LOCK_KEY)).setCountOnly(true).build())
                .getCount() > 0;
    }

    private static List<MultipartUpload> uploads(S3Bucket bucket, String prefix) {
        return bucket.client().listMultipartUploads(r -> r.bucket(bucket.name()).prefix(prefix)).uploads();
    }

    private static void await(String what, Duration limit, BooleanSupplier condition, ServiceProcess process)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what
                        + (process == null ? "" : "; child stderr:\n" + process.stderr()));
            }
            if (process != null && !process.isAlive()) {
                throw new AssertionError("child exited before " + what + ": stdout:\n" + process.stdout()
                        + "\nstderr:\n" + process.stderr());
            }
            Thread.sleep(20);
        }
    }

    private static ManagedChannel channel(String endpoint) {
        URI uri = URI.create(endpoint);
        return NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext()
                .proxyDetector(address -> null).build();
    }
}
