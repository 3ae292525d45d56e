package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.catalog.Catalog;
import io.lifeboat.store.StoreException;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.S3Bucket;
import io.lifeboat.testing.S3MockServer;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket dies in the middle of an upload. The backup must fail loudly, commit nothing,
 * and leave no incomplete multipart upload once the store is back. This class owns its
 * S3Mock process, because it kills it.
 */
@RealEtcd
class StoreOutageIT {

    private static final String BUCKET = "outage";

    @TempDir
    static Path root;
    private static S3MockServer s3;

    @BeforeAll
    static void start(EtcdCluster etcd) {
        // Random values barely compress: ~48 MiB of object, about ten 5 MiB parts to interrupt.
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 48L << 20, 3);
        s3 = S3MockServer.start(root.resolve("s3"));
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void backup_storeKilledMidUpload_failsWithoutManifestAndLeavesNoIncompleteUpload(EtcdCluster etcd)
            throws Exception {
        S3Bucket bucket = new S3Bucket(s3, s3.endpoint(), BUCKET, s3.client());
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.s3.part-retries", "1");
        properties.put("lifeboat.s3.api-call-timeout", "20s");
        try (ApplicationContext service = ApplicationContext.run(properties)) {
            BackupService backups = service.getBean(BackupService.class);
            CompletableFuture<?> running = backups.backup().toFuture();

            Uploads.awaitFirstPart(s3.client(), BUCKET, "", Duration.ofSeconds(60), () -> true);
            s3.kill();

            assertThatThrownBy(() -> running.get())
                    .hasCauseInstanceOf(StoreException.class)
                    .hasMessageContaining(BUCKET);
            assertThat(service.getBean(BackupMetrics.class).failureCount(io.lifeboat.failure.FailureKind.STORE_UNAVAILABLE)).isEqualTo(1);

            s3.start();
            assertThat(service.getBean(Catalog.class).list().collectList().block()).isEmpty();
            assertThat(Uploads.incomplete(s3.client(), BUCKET, "")).as("the killed upload, still open after the restart").hasSize(1);

            // The next backup first aborts what the failed one could not, then succeeds.
            var manifest = backups.backup().block(Duration.ofMinutes(3));

            assertThat(Uploads.incomplete(s3.client(), BUCKET, "")).isEmpty();
            assertThat(service.getBean(Catalog.class).list().collectList().block())
                    .extracting(m -> m.id()).containsExactly(manifest.id());
        }
    }


}
