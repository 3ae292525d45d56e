package io.lifeboat.backup;

import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.S3Bucket;
import java.util.HashMap;
import java.util.Map;

/** Service configuration pointing at the test's real etcd and S3Mock, with no schedule. */
public final class ServiceProperties {

    private ServiceProperties() {
    }

    public static Map<String, Object> of(EtcdCluster etcd, S3Bucket bucket) {
        Map<String, Object> p = new HashMap<>();
        p.put("lifeboat.etcd.endpoints", etcd.clientEndpoints());
        p.put("lifeboat.s3.bucket", bucket.name());
        p.put("lifeboat.s3.endpoint", bucket.endpoint().toString());
        p.put("lifeboat.s3.path-style", "true");
        p.put("lifeboat.s3.part-size", "5MB");
        p.put("lifeboat.s3.retry-backoff", "100ms");
        p.put("lifeboat.schedule.enabled", "false");
        p.put("lifeboat.cluster", "it");
        return p;
    }
}
