package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.catalog.Catalog;
import io.lifeboat.etcd.EtcdUnavailableException;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.store.StoreException;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.S3Bucket;
import io.lifeboat.testing.S3MockServer;
import io.lifeboat.testing.TcpStallProxy;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live but silent peer does to a backup: an etcd whose stream stops (through a proxy
 * that stops forwarding) and an S3 server that freezes (SIGSTOP). Each must fail the backup
 * within its configured bound, abort the upload, and leave the next backup unharmed. This
 * class owns its S3Mock process, because it freezes it.
 */
@RealEtcd
class DeadlineIT {

    private static final String BUCKET = "deadline";

    @TempDir
    static Path root;
    private static S3MockServer s3;

    @BeforeAll
    static void start(EtcdCluster etcd) {
        // Random values barely compress: ~32 MiB of object, several 5 MiB parts.
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 32L << 20, 11);
        s3 = S3MockServer.start(root.resolve("s3"));
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.thaw();
            s3.close();
        }
    }

    @Test
    void backup_etcdStreamStalls_failsWithinTheIdleTimeoutAbortsTheUploadAndTheNextBackupSucceeds(EtcdCluster etcd)
            throws Exception {
        try (TcpStallProxy proxy = TcpStallProxy.to(etcd.member(0).clientUrl())) {
            Map<String, Object> properties = properties(etcd, "stalled-etcd");
            properties.put("lifeboat.etcd.endpoints", proxy.endpoint().toString());
            properties.put("lifeboat.etcd.snapshot-idle-timeout", "2s");
            try (ApplicationContext service = ApplicationContext.run(properties)) {
                BackupService backups = service.getBean(BackupService.class);
                // Let the stream start (Status, MemberList, the first MiBs), then hold etcd's bytes.
                proxy.stallAfter(8L << 20);
                long started = System.nanoTime();
                CompletableFuture<?> running = backups.backup().toFuture();

                assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(EtcdUnavailableException.class)
                        .hasMessageContaining("sent no snapshot message for 2000 ms");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(took).as("failed within the idle timeout plus the time to the stall").isLessThan(
                        Duration.ofSeconds(30));
                assertThat(service.getBean(BackupMetrics.class).failureCount(FailureKind.ETCD_UNAVAILABLE)).isEqualTo(1);
                Uploads.awaitNone(s3.client(), BUCKET, "", Duration.ofSeconds(30));
                assertThat(backups.isRunning()).isFalse();

                proxy.resume();
                var manifest = backups.backup().block(Duration.ofMinutes(3));

                assertThat(service.getBean(Catalog.class).list().collectList().block())
                        .extracting(m -> m.id()).containsExactly(manifest.id());
                assertThat(Uploads.incomplete(s3.client(), BUCKET, "")).isEmpty();
            }
        }
    }

    @Test
    void backup_storeFrozenMidUpload_failsWithinThePartTimeoutBoundAndTheNextBackupCleansUp(EtcdCluster etcd)
            throws Exception {
        Map<String, Object> properties = properties(etcd, "frozen-store");
        properties.put("lifeboat.s3.part-timeout", "2s");
        properties.put("lifeboat.s3.part-retries", "1");
        try (ApplicationContext service = ApplicationContext.run(properties)) {
            BackupService backups = service.getBean(BackupService.class);
            CompletableFuture<?> running = backups.backup().toFuture();
            Uploads.awaitFirstPart(s3.client(), BUCKET, "", Duration.ofSeconds(60), () -> true);
            long frozen = System.nanoTime();
            s3.freeze();
            try {
                assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(StoreException.class)
                        .hasMessageContaining("lifeboat.s3.part-timeout");
                Duration took = Duration.ofNanos(System.nanoTime() - frozen);
                // (retries + 1) x part-timeout, a backoff, and the bounded abort: about 7 s.
                assertThat(took).as("a frozen store fails the backup within its bound").isLessThan(Duration.ofSeconds(30));
                assertThat(service.getBean(BackupMetrics.class).failureCount(FailureKind.STORE_UNAVAILABLE)).isEqualTo(1);
                assertThat(backups.awaitIdle(Duration.ofSeconds(10))).as("no upload left open by the failed backup").isTrue();
            } finally {
                s3.thaw();
            }

            // The abort could not reach the frozen store: the next backup retries it first.
            var manifest = backups.backup().block(Duration.ofMinutes(3));

            Uploads.awaitNone(s3.client(), BUCKET, "", Duration.ofSeconds(30));
            assertThat(service.getBean(Catalog.class).list().collectList().block())
                    .extracting(m -> m.id()).contains(manifest.id());
        }
    }

    /** Each test its own cluster folder: they share the bucket. */
    private static Map<String, Object> properties(EtcdCluster etcd, String cluster) {
        Map<String, Object> properties = ServiceProperties.of(etcd, new S3Bucket(s3, s3.endpoint(), BUCKET, s3.client()));
        properties.put("lifeboat.cluster", cluster);
        properties.put("lifeboat.s3.max-in-flight-parts", "1");
        return properties;
    }



}
