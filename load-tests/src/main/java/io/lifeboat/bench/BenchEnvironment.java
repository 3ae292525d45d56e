package io.lifeboat.bench;

import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.S3MockServer;
import io.lifeboat.testing.S3ProxyServer;
import io.lifeboat.testing.S3Server;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One etcd member and one S3Mock with a bucket, both processes on 127.0.0.1 with their files
 * under one dir: what each db size of the benchmark runs against.
 */
final class BenchEnvironment implements AutoCloseable {

    static final String BUCKET = "lifeboat-bench";
    /**
     * Access key and secret for both servers: not secret. S3Mock accepts any; S3Proxy checks
     * signatures against the test harness's identity, which is this.
     */
    static final String ACCESS_KEY = "lifeboat-test";

    private final EtcdCluster etcd;
    private final S3Server s3;

    private BenchEnvironment(EtcdCluster etcd, S3Server s3) {
        this.etcd = etcd;
        this.s3 = s3;
    }

    static BenchEnvironment start(Path dir) {
        return start(dir, false);
    }

    /**
     * @param s3proxy S3Proxy (filesystem blobstore) instead of S3Mock: for the catalog benchmark,
     *                where S3Mock's per-request cost grows with the number of objects in the bucket
     */
    static BenchEnvironment start(Path dir, boolean s3proxy) {
        EtcdCluster etcd = EtcdCluster.start(1, dir.resolve("etcd"));
        try {
            S3Server s3 = s3proxy ? S3ProxyServer.start(dir.resolve("s3proxy")) : S3MockServer.start(dir.resolve("s3mock"));
            try {
                s3.createBucket(BUCKET);
                return new BenchEnvironment(etcd, s3);
            } catch (RuntimeException e) {
                s3.kill();
                throw e;
            }
        } catch (RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    String etcdEndpoint() {
        return etcd.clientEndpoints();
    }

    String s3Endpoint() {
        return s3.endpoint().toString();
    }

    S3Client s3Client() {
        return s3.client();
    }

    /** SIGKILL both: for the shutdown hook, which has no time for S3Mock's graceful stop. */
    void kill() {
        s3.kill();
        etcd.members().forEach(member -> member.kill());
    }

    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            etcd.close();
        }
    }
}
