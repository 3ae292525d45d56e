package io.lifeboat.cli;

import io.lifeboat.backup.BackupService;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;

/** A backup taken the way production takes it: the service's own pipeline, configured like the service. */
final class ServiceBackup {

    private ServiceBackup() {
    }

    static Manifest backup(String etcdEndpoints, S3Bucket bucket, String cluster) {
        return backup(etcdEndpoints, bucket, cluster, Map.of());
    }

    /**
     * @param settings service settings on top of the test defaults, e.g. {@code lifeboat.s3.checksum}
     *                 for a store without checksum headers
     */
    static Manifest backup(String etcdEndpoints, S3Bucket bucket, String cluster, Map<String, String> settings) {
        Map<String, Object> p = new HashMap<>();
        p.put("lifeboat.etcd.endpoints", etcdEndpoints);
        p.put("lifeboat.s3.bucket", bucket.name());
        p.put("lifeboat.s3.endpoint", bucket.endpoint().toString());
        p.put("lifeboat.s3.path-style", "true");
        p.put("lifeboat.s3.part-size", "5MB");
        p.put("lifeboat.s3.sweep-on-start", "false");
        p.put("lifeboat.schedule.enabled", "false");
        p.put("lifeboat.cluster", cluster);
        // These tests compare a restored etcd with the source key by key and revision by revision:
        // with the backup lock on, its key (on a lease that expires in the restored etcd) would be
        // in the snapshot. The lock has its own tests in the service.
        p.put("lifeboat.lock.enabled", "false");
        // Nor a retention pass after it: it would rewrite the manifest with its tiers, and these tests
        // compare the stored manifest with the one the backup returned. Retention has its own tests.
        p.put("lifeboat.retention.enabled", "false");
        // The CLI's tests log through slf4j-simple (the CLI's own binding), not logback.
        p.put("micronaut.metrics.binders.logback.enabled", "false");
        p.putAll(settings);
        try (ApplicationContext service = ApplicationContext.run(p)) {
            return service.getBean(BackupService.class).backup().block();
        }
    }
}
