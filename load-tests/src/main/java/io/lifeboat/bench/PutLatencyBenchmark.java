package io.lifeboat.bench;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.FillResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * lifeboat's put-latency benchmark (issue 9), run by {@code load-tests/run-put-latency-benchmark.sh};
 * see docs/BENCHMARKS.md ("Put latency during a backup"). Not a test: nothing in the build runs it.
 *
 * <p>Does a backup slow etcd down for its clients? One etcd and one S3Mock on 127.0.0.1, a fill
 * to the db size, then a fixed-rate put load from a separate JVM ({@link PutLoad}: 200 puts/s of
 * 1 KiB, latency from each put's due time). After a warm-up, {@code backups} times: a quiet
 * window with no backup, then {@code java -jar lifeboat-service.jar --once} with the DaemonSet's
 * heap, then a short settle. The puts are then sorted into windows by their due time: without a
 * backup (every quiet window), during the stream (each backup's own snapshot-to-upload-complete
 * interval, from its manifest: what the long-running service adds at each scheduled backup), and
 * during the whole {@code --once} process (JVM start-up and exit included).
 *
 * <p>Everything lives under one temp dir, deleted at the end, also on failure or Ctrl-C.
 */
public final class PutLatencyBenchmark {

    /** The target: put p99 during a backup at most this many times the p99 without. */
    static final double TARGET_P99_RATIO = 1.25;
    static final String WITHOUT = "without backup";
    static final String STREAM = "during backup (stream)";
    static final String PROCESS = "during backup (whole --once process)";
    /** The reference: what etcd's own snapshot stream, read by etcd's tool, costs the puts. */
    static final String ETCDCTL = "during etcdctl snapshot save";
    static final String ETCD_POD = "etcd";
    static final String LOAD_POD = "put-load";
    static final String BACKUP_POD = "backup";
    static final String BUCKET_GROUP = "s3mock";

    private final PutLatencyOptions options;
    private final Path workDir;
    /** Where S3Mock keeps the bucket: in the work dir, or a temp dir of its own under --bucket-dir. */
    private final Path bucketDir;
    private volatile BenchEnvironment current;
    private volatile PodCpuShares pods;
    private volatile PutLoadProcess load;

    private PutLatencyBenchmark(PutLatencyOptions options, Path workDir, Path bucketDir) {
        this.options = options;
        this.workDir = workDir;
        this.bucketDir = bucketDir;
    }

    public static void main(String[] args) throws Exception {
        PutLatencyOptions options = Args.orExit(() -> {
            PutLatencyOptions parsed = PutLatencyOptions.parse(args);
            Args.requireFiles(Args.BUILD_SERVICE_JAR, parsed.serviceJar());
            return parsed;
        });
        Path workDir = options.workDir() == null ? Files.createTempDirectory("lifeboat-put-latency-")
                : Files.createTempDirectory(Files.createDirectories(options.workDir()), "lifeboat-put-latency-");
        Path bucketDir = options.bucketDir() == null ? workDir.resolve("env")
                : Files.createTempDirectory(Files.createDirectories(options.bucketDir()), "lifeboat-put-latency-bucket-");
        PutLatencyBenchmark benchmark = new PutLatencyBenchmark(options, workDir, bucketDir);
        Thread hook = new Thread(benchmark::abort, "lifeboat-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PutLatencyReport report = benchmark.run();
            System.out.println(report.markdown());
            if (options.out() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
                Files.writeString(options.out(), report.markdown());
                Path tsv = PutLatencyOptions.tsvBeside(options.out());
                LatencySummary.write(tsv, report.summaries());
                log("report written to " + options.out() + ", percentiles to " + tsv);
            }
        } finally {
            WorkDir.delete(workDir);
            WorkDir.delete(bucketDir);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running and cleans up.
            }
        }
    }

    private PutLatencyReport run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        Path jar = Files.copy(options.serviceJar(), workDir.resolve("lifeboat-service.jar"));
        List<String> machine = Machine.describe(workDir);
        LatencyWindow without = new LatencyWindow(WITHOUT);
        LatencyWindow stream = new LatencyWindow(STREAM);
        LatencyWindow process = new LatencyWindow(PROCESS);
        LatencyWindow etcdctl = new LatencyWindow(ETCDCTL);
        List<BenchEnvironment.OnceBackup> backups = new ArrayList<>();
        List<PutSamples.Sample> samples;
        FillResult fill;
        log("starting etcd and S3Mock");
        Map<String, Long> shares = Map.of();
        Map<String, EtcdDiskLatency.Histogram> quietDisk = Map.of();
        Map<String, EtcdDiskLatency.Histogram> backupDisk = Map.of();
        try (BenchEnvironment environment = BenchEnvironment.start(workDir.resolve("env"), false, bucketDir)) {
            current = environment;
            fill = BackupBenchmark.fill(environment, options.values(), options.dbSizeBytes(), options.seed());
            log("put load: " + options.ratePerSecond() + "/s of " + options.valueBytes() + " B, warm-up "
                    + options.warmup().toSeconds() + " s");
            load = PutLoadProcess.start(environment.etcdEndpoint(), options.ratePerSecond(), options.valueBytes(),
                    workDir);
            List<String> launcher = new ArrayList<>();
            try {
                if (options.podCpu() != null) {
                    pods = PodCpuShares.create("lifeboat-bench-" + ProcessHandle.current().pid(),
                            podRequests(options.podCpu()), bucketRequest(options.podCpu()));
                    pods.move(ETCD_POD, environment.etcdPid());
                    if (options.podCpu().size() > 3) {
                        pods.move(BUCKET_GROUP, environment.s3Pid());
                    }
                    pods.move(LOAD_POD, load.pid());
                    launcher.addAll(pods.launcher(BACKUP_POD));
                    shares = pods.shares();
                    log("pod cgroups, cpu.shares: " + shares);
                }
                if (options.nice() != 0) {
                    launcher.addAll(List.of("nice", "-n", Integer.toString(options.nice())));
                }
                Thread.sleep(options.warmup().toMillis());
                for (int n = 1; n <= options.backups(); n++) {
                    log("backup " + n + ": quiet window of " + options.quiet().toSeconds() + " s");
                    Map<String, EtcdDiskLatency.Histogram> beforeQuiet = EtcdDiskLatency.scrape(environment.etcdEndpoint());
                    Instant quietFrom = Instant.now();
                    Thread.sleep(options.quiet().toMillis());
                    without.add(quietFrom, Instant.now());
                    Map<String, EtcdDiskLatency.Histogram> beforeBackup = EtcdDiskLatency.scrape(environment.etcdEndpoint());
                    quietDisk = EtcdDiskLatency.add(quietDisk, EtcdDiskLatency.between(beforeQuiet, beforeBackup));
                    log("backup " + n + ": lifeboat --once, JAVA_TOOL_OPTIONS=" + javaToolOptions()
                            + ", nice " + options.nice());
                    BenchEnvironment.OnceBackup backup = environment.backUpOnce(jar, workDir,
                            Map.of("JAVA_TOOL_OPTIONS", javaToolOptions()),
                            EtcdctlSave.timeoutFor(options.dbSizeBytes()), launcher);
                    backupDisk = EtcdDiskLatency.add(backupDisk,
                            EtcdDiskLatency.between(beforeBackup, EtcdDiskLatency.scrape(environment.etcdEndpoint())));
                    Manifest.Timings timings = backup.manifest().timings();
                    stream.add(timings.startedAt(), timings.finishedAt());
                    process.add(backup.process().startedAt(), backup.process().startedAt().plus(backup.process().wall()));
                    backups.add(backup);
                    log(String.format(Locale.ROOT, "backup %d: wall %.1f s, stream %.1f s", n,
                            EtcdctlSave.seconds(backup.process().wall()), timings.durationMillis() / 1000.0));
                    Thread.sleep(options.settle().toMillis());
                    // etcdctl writes its file where the bucket keeps its objects: the same disk, or not.
                    log("backup " + n + ": etcdctl snapshot save (reference)");
                    Instant saveFrom = Instant.now();
                    Row save = EtcdctlSave.run(options.values(), environment.etcdEndpoint(), bucketDir, n,
                            options.dbSizeBytes());
                    if (save.failure() != null) {
                        throw new IllegalStateException(save.failure());
                    }
                    etcdctl.add(saveFrom, saveFrom.plusNanos((long) (save.wallSeconds() * 1e9)));
                    Thread.sleep(options.settle().toMillis());
                }
                samples = load.stop();
            } finally {
                load.close();
                load = null;
                closePods();
            }
        } finally {
            current = null;
        }
        List<LatencySummary> summaries = List.of(without.summarize(samples), stream.summarize(samples),
                process.summarize(samples), etcdctl.summarize(samples));
        Duration took = Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        return PutLatencyReport.of(options, started, took, loadBefore, Machine.loadAverage(), machine, fill,
                samples.size(), summaries, backups, shares, quietDisk, backupDisk);
    }

    /** The pods of --pod-cpu, in its order: etcd, the put load (as kube-apiserver), the backup. */
    static Map<String, Integer> podRequests(List<Integer> millicores) {
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put(ETCD_POD, millicores.get(0));
        requests.put(LOAD_POD, millicores.get(1));
        requests.put(BACKUP_POD, millicores.get(2));
        return requests;
    }

    /** S3Mock's group beside the pods, when --pod-cpu has a fourth request. */
    static Map<String, Integer> bucketRequest(List<Integer> millicores) {
        return millicores.size() > 3 ? Map.of(BUCKET_GROUP, millicores.get(3)) : Map.of();
    }

    private void closePods() {
        PodCpuShares placed = pods;
        pods = null;
        if (placed != null) {
            placed.close();
        }
    }

    /** What the DaemonSet gives the service (infra/kubernetes/base/daemonset.yaml). */
    private String javaToolOptions() {
        return "-Xmx" + options.heap() + " -XX:+ExitOnOutOfMemoryError";
    }

    private void abort() {
        PutLoadProcess running = load;
        if (running != null) {
            running.close();
        }
        closePods();
        WorkDir.abort(current, workDir);
        try {
            WorkDir.delete(bucketDir);
        } catch (UncheckedIOException e) {
            System.err.println("could not delete " + bucketDir + ": " + e.getMessage());
        }
    }

    static void log(String message) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " bench: " + message);
    }
}
