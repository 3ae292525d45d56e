package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.catalog.Catalog;
import io.lifeboat.etcd.EtcdUnavailableException;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The snapshotted member loses its quorum mid-backup: it can still stream its snapshot, but
 * the lock's lease can no longer be renewed (renewal needs the leader), so another instance
 * could soon take the lock. The backup must stop, abort its upload, and fail as etcd_unavailable.
 */
@RealEtcd(members = 3)
@RealS3
class OneWriterQuorumLostIT {

    @Test
    void backup_quorumLostMidUpload_leaseCannotBeRenewedSoTheBackupIsCancelledAndAborted(EtcdCluster etcd,
                                                                                       S3Bucket bucket)
            throws Exception {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 48L << 20, 23);
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.etcd.endpoints", etcd.member(0).clientUrl());
        properties.put("lifeboat.cluster", "quorum");
        properties.put("lifeboat.lock.ttl", "3s");
        properties.put("lifeboat.s3.max-in-flight-parts", "1");
        // The bucket behind a proxy that can hold S3's answers: the upload must still be running when
        // the lease is found lost, however fast this machine is (else the backup may simply finish first).
        try (io.lifeboat.testing.TcpStallProxy s3 = io.lifeboat.testing.TcpStallProxy.to(bucket.endpoint().toString())) {
            properties.put("lifeboat.s3.endpoint", s3.endpoint().toString());
            try (ApplicationContext service = ApplicationContext.run(properties)) {
                CompletableFuture<?> running = service.getBean(BackupService.class).backup().toFuture();
                awaitUpload(bucket);
                s3.stallAfter(0);

                etcd.member(1).kill();
                etcd.member(2).kill();

                try {
                    assertThatThrownBy(() -> running.get(Duration.ofMinutes(2).toSeconds(),
                            java.util.concurrent.TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOf(EtcdUnavailableException.class)
                            .hasMessageContaining("/lifeboat/quorum/backup-lock");
                } finally {
                    s3.resume();
                }
                assertFailedAndAborted(service, bucket);
            }
        } finally {
            etcd.member(1).start();
            etcd.member(2).start();
        }
    }

    private static void assertFailedAndAborted(ApplicationContext service, S3Bucket bucket) throws InterruptedException {
        assertThat(service.getBean(BackupMetrics.class).failureCount(FailureKind.ETCD_UNAVAILABLE)).isEqualTo(1);
        awaitNoUpload(bucket);
        assertThat(service.getBean(Catalog.class).list().collectList().block()).isEmpty();
    }

    private static void awaitUpload(S3Bucket bucket) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (uploads(bucket).isEmpty()) {
            assertThat(System.nanoTime()).as("an upload started within a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitNoUpload(S3Bucket bucket) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!uploads(bucket).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(uploads(bucket)).as("incomplete uploads after the cancel").isEmpty();
    }

    private static java.util.List<MultipartUpload> uploads(S3Bucket bucket) {
        return bucket.client().listMultipartUploads(r -> r.bucket(bucket.name()).prefix("quorum/")).uploads();
    }
}
