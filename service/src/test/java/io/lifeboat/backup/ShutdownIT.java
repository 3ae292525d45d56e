package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.ServiceProcess;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * SIGTERM, as the kubelet and systemd send it, to {@code --once} and to the service, each a
 * separate JVM: nothing is left half-done in the bucket (the upload finished or aborted), the
 * exit code says which, and a service stopped while idle takes its final snapshot.
 */
@RealEtcd
@RealS3
class ShutdownIT {

    /** Logs of the child JVMs stay in target/ for a look after a failure. */
    private Path dir;

    @org.junit.jupiter.api.BeforeEach
    void logDir(org.junit.jupiter.api.TestInfo test) {
        dir = Path.of("target", "service-logs", "ShutdownIT", test.getTestMethod().orElseThrow().getName());
    }

    @BeforeAll
    static void fill(EtcdCluster etcd) {
        // Random values barely compress: ~48 MiB of object, ten parts sent one at a time.
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 48L << 20, 5);
    }

    @Test
    void once_sigtermMidUpload_abortsTheUploadAndExits130(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        String cluster = "once-term";
        try (ServiceProcess once = ServiceProcess.start(properties(etcd, bucket, cluster), dir, "--once")) {
            awaitUploadStarted(bucket, cluster, once);
            once.terminate();

            assertThat(once.waitFor(Duration.ofSeconds(60))).as(once.stderr()).isEqualTo(FailureKind.INTERRUPTED.exitCode());
            assertThat(once.stderr()).contains("interrupted: the backup was cancelled and its upload aborted");
        }
        assertThat(incompleteUploads(bucket, cluster)).isEmpty();
        assertThat(objects(bucket, cluster + "/manifests/")).isEmpty();
    }

    @Test
    void service_sigtermMidBackupWithShortGrace_cancelsAbortsAndExits130(EtcdCluster etcd, S3Bucket bucket)
            throws Exception {
        String cluster = "service-cancel";
        Map<String, Object> properties = properties(etcd, bucket, cluster);
        properties.put("lifeboat.schedule.enabled", "true");
        properties.put("lifeboat.schedule.cron", "*/2 * * * * *");
        properties.put("lifeboat.shutdown.grace-period", "1s");
        try (ServiceProcess service = ServiceProcess.start(properties, dir)) {
            awaitUploadStarted(bucket, cluster, service);
            service.terminate();

            assertThat(service.waitFor(Duration.ofSeconds(60))).as(service.stderr())
                    .isEqualTo(FailureKind.INTERRUPTED.exitCode());
            assertThat(service.stderr()).contains("cancelling it and aborting its upload")
                    .doesNotContain("RejectedExecutionException");
        }
        assertThat(incompleteUploads(bucket, cluster)).isEmpty();
        assertThat(objects(bucket, cluster + "/manifests/")).isEmpty();
    }

    @Test
    void service_sigtermMidBackupWithinGrace_finishesTheBackupAndExits0(EtcdCluster etcd, S3Bucket bucket)
            throws Exception {
        String cluster = "service-finish";
        Map<String, Object> properties = properties(etcd, bucket, cluster);
        properties.put("lifeboat.schedule.enabled", "true");
        properties.put("lifeboat.schedule.cron", "*/2 * * * * *");
        properties.put("lifeboat.shutdown.grace-period", "120s");
        try (ServiceProcess service = ServiceProcess.start(properties, dir)) {
            awaitUploadStarted(bucket, cluster, service);
            service.terminate();

            assertThat(service.waitFor(Duration.ofSeconds(150))).as(service.stderr()).isZero();
            assertThat(service.stderr()).contains("waiting up to 120 s for the running backup");
        }
        assertThat(incompleteUploads(bucket, cluster)).isEmpty();
        assertThat(objects(bucket, cluster + "/manifests/")).hasSize(1);
    }

    @Test
    void service_sigtermWhileIdle_takesAFinalSnapshotAndExits0(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        String cluster = "service-final";
        try (ServiceProcess service = ServiceProcess.start(properties(etcd, bucket, cluster), dir)) {
            service.awaitLog(line -> line.contains("lifeboat service started"), Duration.ofSeconds(60));
            service.terminate();

            assertThat(service.waitFor(Duration.ofSeconds(120))).as(service.stderr()).isZero();
            assertThat(service.stderr()).contains("taking a final snapshot");
        }
        assertThat(objects(bucket, cluster + "/manifests/")).hasSize(1);
        assertThat(incompleteUploads(bucket, cluster)).isEmpty();
    }

    private static Map<String, Object> properties(EtcdCluster etcd, S3Bucket bucket, String cluster) {
        Map<String, Object> properties = new HashMap<>(ServiceProperties.of(etcd, bucket));
        properties.put("lifeboat.cluster", cluster);
        properties.put("lifeboat.s3.max-in-flight-parts", "1");
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.server.host", "127.0.0.1");
        return properties;
    }

    private static void awaitUploadStarted(S3Bucket bucket, String cluster, ServiceProcess process)
            throws InterruptedException {
        Uploads.awaitFirstPart(bucket.client(), bucket.name(), cluster + "/", Duration.ofSeconds(90), process::isAlive);
    }

    private static List<MultipartUpload> incompleteUploads(S3Bucket bucket, String cluster) {
        return Uploads.incomplete(bucket.client(), bucket.name(), cluster + "/");
    }

    private static List<S3Object> objects(S3Bucket bucket, String prefix) {
        return bucket.client().listObjectsV2(r -> r.bucket(bucket.name()).prefix(prefix)).contents();
    }
}
