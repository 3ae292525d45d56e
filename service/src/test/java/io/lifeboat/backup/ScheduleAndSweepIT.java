package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.catalog.Catalog;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** What the service does by itself once started: sweep leftovers, then snapshot on schedule. */
@RealEtcd
@RealS3
class ScheduleAndSweepIT {

    @Test
    void start_sweepsThisClustersAbandonedUploadsOnlyAndSnapshotsOnTheCron(EtcdCluster etcd, S3Bucket bucket)
            throws InterruptedException {
        String ours = "sweep/snapshots/2026/01/01/20260101T000000Z-crashed1.db.zst";
        String foreign = "elsewhere/snapshots/2026/01/01/20260101T000000Z-notours1.db.zst";
        bucket.client().createMultipartUpload(r -> r.bucket(bucket.name()).key(ours));
        bucket.client().createMultipartUpload(r -> r.bucket(bucket.name()).key(foreign));
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", "sweep");
        properties.put("lifeboat.s3.abandoned-upload-age", "0s");
        properties.put("lifeboat.schedule.enabled", "true");
        properties.put("lifeboat.schedule.cron", "*/2 * * * * *");

        try (ApplicationContext service = ApplicationContext.run(properties)) {
            assertThat(uploadKeys(bucket)).containsExactly(foreign);

            Catalog catalog = service.getBean(Catalog.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (catalog.list().collectList().block().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(catalog.list().collectList().block()).as("snapshots taken by the schedule").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            bucket.client().listMultipartUploads(r -> r.bucket(bucket.name())).uploads()
                    .forEach(u -> bucket.client().abortMultipartUpload(r -> r.bucket(bucket.name()).key(u.key())
                            .uploadId(u.uploadId())));
        }
    }

    @Test
    void once_sweepsThisClustersAbandonedUploadsBeforeItsBackup(EtcdCluster etcd, S3Bucket bucket) {
        String abandoned = "once-sweep/snapshots/2026/01/01/20260101T000000Z-crashed2.db.zst";
        bucket.client().createMultipartUpload(r -> r.bucket(bucket.name()).key(abandoned));
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", "once-sweep");
        properties.put("lifeboat.s3.abandoned-upload-age", "0s");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int code = OnceCommand.run(new String[] {"--once"}, properties, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(uploadKeys(bucket)).doesNotContain(abandoned);
    }

    private static java.util.List<String> uploadKeys(S3Bucket bucket) {
        return bucket.client().listMultipartUploads(r -> r.bucket(bucket.name())).uploads().stream()
                .map(MultipartUpload::key).toList();
    }
}
