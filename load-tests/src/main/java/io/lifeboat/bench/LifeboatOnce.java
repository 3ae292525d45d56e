package io.lifeboat.bench;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One {@code java -jar lifeboat-service.jar --once} in a child JVM of its own, so its heap and
 * RSS are lifeboat's alone: configured through the same environment variables as in
 * production, heap given or left to the JVM's default, GC logged to a file ({@link GcLog}).
 *
 * <p>{@code -XX:+ExitOnOutOfMemoryError}: a heap too small ends the run at once with a clear
 * reason instead of leaving a half-dead JVM for the timeout. After a successful run the
 * manifest is read back from the bucket (db size, object size, lifeboat's own timing), then
 * the object and manifest are deleted so S3Mock's disk does not fill up across runs.
 */
final class LifeboatOnce {

    static final String TOOL = "lifeboat --once";
    static final String CLUSTER = "bench";
    static final String DEFAULT_HEAP = "default";

    private final Path serviceJar;
    private final BenchmarkOptions options;
    private final BenchEnvironment environment;

    LifeboatOnce(Path serviceJar, BenchmarkOptions options, BenchEnvironment environment) {
        this.serviceJar = serviceJar;
        this.options = options;
        this.environment = environment;
    }

    /** @param heap an -Xmx value such as {@code 64m}, or {@link #DEFAULT_HEAP} */
    Row run(String values, String heap, int run, Path dir, long targetDbBytes)
            throws IOException, InterruptedException {
        String name = "lifeboat-" + heap + "-" + run;
        Path gcFile = dir.resolve(name + ".gc.log");
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        if (!heap.equals(DEFAULT_HEAP)) {
            command.add("-Xmx" + heap);
        }
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(GcLog.jvmOptions(gcFile));
        command.addAll(List.of("-jar", serviceJar.toString(), "--once"));
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run(name, command, environment(), dir,
                EtcdctlSave.timeoutFor(targetDbBytes));
        GcLog gc = Files.isRegularFile(gcFile) ? GcLog.parse(gcFile) : null;
        String heapLabel = heap.equals(DEFAULT_HEAP) ? DEFAULT_HEAP : "-Xmx" + heap;
        String target = BenchmarkOptions.formatSize(targetDbBytes);
        double wall = EtcdctlSave.seconds(result.wall());
        if (result.exitCode() != 0) {
            return new Row(values, target, TOOL, heapLabel, run, targetDbBytes, failure(result), wall,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, result.peakRssBytes(), result.cpuSeconds(),
                    result.boxBusy(), load1, gc);
        }
        Manifest manifest = readAndDelete(EtcdctlSave.lastLine(result.stdoutText()).strip());
        Manifest.Timings timings = manifest.timings();
        // Same clock: the manifest's instants and the spawn time are both this machine's.
        double startup = EtcdctlSave.seconds(Duration.between(result.startedAt(), timings.startedAt()));
        double stream = timings.durationMillis() / 1000.0;
        return new Row(values, target, TOOL, heapLabel, run,
                manifest.dbSizeBytes(), null, wall, startup, stream, wall - startup - stream,
                result.cpuSecondsBetween(timings.startedAt(), timings.finishedAt()), manifest.object().sizeBytes(),
                result.peakRssBytes(), result.cpuSeconds(), result.boxBusy(), load1, gc);
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(environment.lifeboatEnvironment());
        env.put("LIFEBOAT_ETCD_ENDPOINTS", environment.etcdEndpoint());
        env.put("LIFEBOAT_S3_PART_SIZE", options.partSize());
        env.put("LIFEBOAT_S3_MAX_IN_FLIGHT_PARTS", Integer.toString(options.inFlightParts()));
        env.put("LIFEBOAT_ZSTD_LEVEL", Integer.toString(options.zstdLevel()));
        env.put("LIFEBOAT_ZSTD_WORKERS", Integer.toString(options.zstdWorkers()));
        return env;
    }

    private Manifest readAndDelete(String id) {
        S3Client s3 = environment.s3Client();
        String manifestKey = CLUSTER + "/manifests/" + id + ".json";
        byte[] json = s3.getObjectAsBytes(r -> r.bucket(BenchEnvironment.BUCKET).key(manifestKey)).asByteArray();
        Manifest manifest = ManifestCodec.read(json, manifestKey);
        s3.deleteObject(r -> r.bucket(BenchEnvironment.BUCKET).key(manifest.object().key()));
        s3.deleteObject(r -> r.bucket(BenchEnvironment.BUCKET).key(manifestKey));
        return manifest;
    }

    /** An OutOfMemoryError says which memory ran out; anything else: lifeboat's own reason. */
    private static String failure(MeasuredProcess.Result result) {
        if (result.exitCode() == -1) {
            return "killed at the timeout";
        }
        String stderr = result.stderrText() + result.stdoutText();
        for (String line : stderr.lines().toList()) {
            int oom = line.indexOf("OutOfMemoryError");
            if (oom >= 0) {
                return line.substring(oom).strip();
            }
        }
        for (String line : stderr.lines().toList()) {
            if (line.startsWith("lifeboat: ")) {
                return line.strip();
            }
        }
        return "exit " + result.exitCode() + ": " + EtcdctlSave.lastLine(result.stderrText());
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
