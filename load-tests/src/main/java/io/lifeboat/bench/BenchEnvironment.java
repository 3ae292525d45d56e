package io.lifeboat.bench;

import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.S3MockServer;
import io.lifeboat.testing.S3ProxyServer;
import io.lifeboat.testing.S3Server;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One etcd member and one S3Mock with a bucket, both processes on 127.0.0.1 with their files
 * under one dir: what each db size of the benchmark runs against.
 */
final class BenchEnvironment implements AutoCloseable {

    static final String BUCKET = "lifeboat-bench";

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
        return start(dir, s3proxy, dir);
    }

    /**
     * @param bucketDir where the S3 server keeps its files (a tmpfs: a bucket that writes nothing
     *                  to the disk etcd fsyncs to, as a remote bucket in production)
     */
    static BenchEnvironment start(Path dir, boolean s3proxy, Path bucketDir) {
        EtcdCluster etcd = EtcdCluster.start(1, dir.resolve("etcd"));
        try {
            S3Server s3 = s3proxy ? S3ProxyServer.start(bucketDir.resolve("s3proxy"))
                    : S3MockServer.start(bucketDir.resolve("s3mock"));
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

    /** The etcd member's pid (one member). */
    long etcdPid() {
        return etcd.members().get(0).pid();
    }

    /** The S3 server's pid. */
    long s3Pid() {
        return s3.pid();
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

    /**
     * What every lifeboat process of a benchmark needs to reach this bucket: bucket, endpoint,
     * path-style, the benchmark's cluster folder, credentials, region.
     */
    Map<String, String> lifeboatEnvironment() {
        return Map.of(
                "LIFEBOAT_S3_BUCKET", BUCKET,
                "LIFEBOAT_S3_ENDPOINT", s3Endpoint(),
                "LIFEBOAT_S3_PATH_STYLE", "true",
                "LIFEBOAT_CLUSTER", LifeboatOnce.CLUSTER,
                // Not secret: S3Mock accepts any credentials, S3Proxy the test harness's.
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.ACCESS_KEY,
                "AWS_REGION", "us-east-1");
    }

    /** A {@code --once} backup and the process that took it. */
    record OnceBackup(Manifest manifest, MeasuredProcess.Result process) {
    }

    /**
     * One {@code java -jar serviceJar --once} against this etcd and bucket, its output files in
     * {@code dir}, with {@code settings} on top of {@link #lifeboatEnvironment()}; its manifest is
     * left in the bucket.
     */
    OnceBackup backUpOnce(Path serviceJar, Path dir, Map<String, String> settings, Duration timeout)
            throws IOException, InterruptedException {
        return backUpOnce(serviceJar, dir, settings, timeout, List.of());
    }

    /**
     * @param launcher a command prefix that execs the backup's JVM (e.g. {@code nice -n 10}, or a
     *                 cgroup's {@link PodCpuShares#launcher}), so the sampled pid is the JVM's; empty: none
     */
    OnceBackup backUpOnce(Path serviceJar, Path dir, Map<String, String> settings, Duration timeout,
                          List<String> launcher) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(lifeboatEnvironment());
        env.put("LIFEBOAT_ETCD_ENDPOINTS", etcdEndpoint());
        env.putAll(settings);
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                serviceJar.toString(), "--once"));
        MeasuredProcess.Result result = MeasuredProcess.run("lifeboat-once", command, env, dir, timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("lifeboat --once exited " + result.exitCode() + ": "
                    + EtcdctlSave.lastLine(result.stderrText()));
        }
        String id = EtcdctlSave.lastLine(result.stdoutText()).strip();
        String key = LifeboatOnce.CLUSTER + "/manifests/" + id + ".json";
        byte[] json = s3Client().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
        return new OnceBackup(ManifestCodec.read(json, key), result);
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
