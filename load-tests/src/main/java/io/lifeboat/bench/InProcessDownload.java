package io.lifeboat.bench;

import io.lifeboat.testing.S3Server;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.restore.DownloadProgress;
import io.lifeboat.restore.SnapshotDownload;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.S3ObjectStore;
import io.lifeboat.store.S3Settings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * core's {@link SnapshotDownload#toFile} called in this JVM: download, every check, the staged
 * snapshot file, with no process start-up, no catalog lookup and no etcdctl. One client for all
 * runs, so run 1 pays for the SDK's and the JIT's warm-up and later runs show the pipeline warm.
 * CPU is this whole JVM's, which does nothing else meanwhile; its RSS is not the pipeline's
 * alone (the benchmark's own heap), so none is reported.
 */
final class InProcessDownload implements AutoCloseable {

    static final String TOOL = "SnapshotDownload.toFile, in process";

    private final ObjectStore store;
    private final SnapshotDownload download;

    InProcessDownload(BenchEnvironment environment) {
        // The SDK's default chain, as in the CLI: S3Mock accepts any credentials.
        System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3Server.ACCESS_KEY);
        S3Settings settings = new S3Settings(BenchEnvironment.BUCKET,
                Optional.of(URI.create(environment.s3Endpoint())), "us-east-1", true, Duration.ofMinutes(10));
        this.store = S3ObjectStore.open(settings);
        this.download = SnapshotDownload.of(store);
    }

    Measurement run(int run, Manifest manifest, Path dir) throws IOException {
        Path file = dir.resolve("in-process-" + run + ".db");
        double load1 = Machine.load1();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        String failure = null;
        try {
            download.toFile(manifest, file, DownloadProgress.NONE).block();
        } catch (RuntimeException e) {
            failure = e.toString();
        } finally {
            Files.deleteIfExists(file);
        }
        return new Measurement(TOOL, run, failure, (System.nanoTime() - started) / 1e9,
                (processCpuNanos() - cpuBefore) / 1e9, 0, Double.NaN, load1);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() {
        store.close();
    }
}
