package io.lifeboat.bench;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.FillResult;
import io.lifeboat.testing.KeyspaceGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * lifeboat's restore benchmark (issue 3, item 6), run by {@code load-tests/run-restore-benchmark.sh};
 * see docs/BENCHMARKS.md. Not a test: nothing in the build runs it.
 *
 * <p>One etcd and one S3Mock on 127.0.0.1, a fill to the target db size, one backup with the
 * service's {@code --once}; etcd then stays idle. Then, {@code runs} times each, all in this one
 * run so they share the machine's state: {@code lifeboat restore latest} (the CLI as a child
 * process: catalog, download, verify, stage, etcdctl snapshot restore, rename), the sequential
 * baseline ({@link SequentialRestore}: curl, zstd -d, etcdctl snapshot restore), lifeboat and
 * the baseline taking turns going first; then {@code lifeboat verify latest} (the streaming
 * check), {@code lifeboat list} (start-up and catalog, no download) and core's download called
 * in this JVM ({@link InProcessDownload}: the pipeline without any start-up). Last,
 * {@code lifeboat --help} a few times: the CLI's start-up alone.
 *
 * <p>Every data dir, download and staging dir is under one temp dir on one file system (the
 * report names it); {@code sync} runs before each timed restore so none pays for another's
 * writeback. Everything is deleted at the end, also on failure or Ctrl-C.
 */
public final class RestoreBenchmark {

    /** The restored member. Its peer URL is only written into the membership: nothing listens on it. */
    static final String MEMBER = "bench";
    private static final String PEER_URL = "http://127.0.0.1:2380";

    private final RestoreBenchmarkOptions options;
    private final Path workDir;
    private final List<Measurement> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private volatile BenchEnvironment current;

    private RestoreBenchmark(RestoreBenchmarkOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        RestoreBenchmarkOptions options = Args.orExit(() -> {
            RestoreBenchmarkOptions parsed = RestoreBenchmarkOptions.parse(args);
            Args.requireFiles("build: ./mvnw -q -B -pl load-tests,restore-cli -am package -DskipTests",
                    parsed.serviceJar(), parsed.lifeboat());
            return parsed;
        });
        Path workDir = Files.createTempDirectory("lifeboat-restore-bench-");
        RestoreBenchmark benchmark = new RestoreBenchmark(options, workDir);
        Thread hook = new Thread(benchmark::abort, "lifeboat-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String report = benchmark.run();
            System.out.println(report);
            if (options.out() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
                Files.writeString(options.out(), report);
                log("report written to " + options.out());
            }
        } finally {
            WorkDir.delete(workDir);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private String run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        List<String> machine = Machine.describe(workDir);
        String fileSystem = Files.getFileStore(workDir).type();
        Manifest manifest = null;
        try (BenchEnvironment environment = BenchEnvironment.start(workDir.resolve("env"))) {
            current = environment;
            fill(environment);
            manifest = backUp(environment);
            measure(environment, manifest);
        } catch (RuntimeException e) {
            // etcd or S3Mock would not start, the fill or the backup failed: report what there is.
            log("failed: " + e);
            notes.add("**Not completed:** " + e);
        } finally {
            current = null;
        }
        Duration took = Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        return render(started, took, loadBefore, machine, fileSystem, manifest);
    }

    private void fill(BenchEnvironment environment) {
        long started = System.nanoTime();
        KeyspaceGenerator generator = new KeyspaceGenerator();
        FillResult result = options.values().equals("kubernetes")
                ? generator.fill(environment.etcdEndpoint(), options.dbSizeBytes(), options.seed(),
                        new KubernetesLikeValues(options.seed()))
                : generator.fill(environment.etcdEndpoint(), options.dbSizeBytes(), options.seed());
        log("filled in " + (System.nanoTime() - started) / 1_000_000_000 + " s: " + result);
    }

    /** One {@code --once} backup with the service's default settings; returns its manifest, left in the bucket. */
    private Manifest backUp(BenchEnvironment environment) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(workDir.resolve("backup"));
        BenchEnvironment.OnceBackup once = environment.backUpOnce(options.serviceJar(), dir, Map.of(),
                EtcdctlSave.timeoutFor(options.dbSizeBytes()));
        Manifest manifest = once.manifest();
        log(String.format(Locale.ROOT, "backed up %s in %.1f s: db %s MiB, object %s MiB, revision %d, %d keys",
                manifest.id(), EtcdctlSave.seconds(once.process().wall()), Report.mib(manifest.dbSizeBytes()),
                Report.mib(manifest.object().sizeBytes()), manifest.revision(), manifest.totalKeys()));
        return manifest;
    }

    private void measure(BenchEnvironment environment, Manifest manifest) throws IOException, InterruptedException {
        Duration timeout = EtcdctlSave.timeoutFor(manifest.dbSizeBytes());
        LifeboatCli lifeboat = new LifeboatCli(options.lifeboat(), environment);
        SequentialRestore baseline = new SequentialRestore(environment);
        try (InProcessDownload inProcess = new InProcessDownload(environment)) {
            for (int run = 1; run <= options.runs(); run++) {
                Path dir = Files.createDirectories(workDir.resolve("run-" + run));
                // Taking turns: whichever goes first may find the page cache or the disk in another state.
                boolean lifeboatFirst = run % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    sync();
                    if (lifeboatFirst == (turn == 0)) {
                        log("run " + run + ": lifeboat restore");
                        logged(lifeboat.restore(run, dir.resolve("lifeboat-data"), PEER_URL, dir, timeout));
                    } else {
                        log("run " + run + ": baseline");
                        logged(baseline.run(run, manifest, dir.resolve("baseline-data"), PEER_URL, dir, timeout));
                    }
                }
                log("run " + run + ": lifeboat verify, lifeboat list, in-process download");
                logged(List.of(lifeboat.verify(run, dir, timeout), lifeboat.list(run, dir)));
                sync();
                logged(List.of(inProcess.run(run, manifest, dir)));
                WorkDir.delete(dir);
            }
        }
        Path dir = Files.createDirectories(workDir.resolve("help"));
        log("lifeboat --help, " + options.helpRuns() + " times");
        for (int run = 1; run <= options.helpRuns(); run++) {
            rows.add(lifeboat.help(run, dir));
        }
    }

    private String render(Instant started, Duration took, String loadBefore, List<String> machine,
                          String fileSystem, Manifest manifest) {
        StringBuilder out = new StringBuilder();
        out.append("## Restore run of ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" (")
                .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s)\n\n");
        out.append("Fill: ").append(options.values()).append(" values to ")
                .append(BenchmarkOptions.formatSize(options.dbSizeBytes())).append(", seed ").append(options.seed());
        if (manifest != null) {
            out.append("; the snapshot: db ").append(Report.mib(manifest.dbSizeBytes())).append(" MiB, object ")
                    .append(Report.mib(manifest.object().sizeBytes())).append(" MiB (zstd level ")
                    .append(manifest.compression().level()).append("), revision ").append(manifest.revision())
                    .append(", ").append(manifest.totalKeys()).append(" keys");
        }
        out.append(". ").append(options.runs()).append(" runs of each restore, lifeboat first in odd runs; ")
                .append(options.helpRuns()).append(" runs of `lifeboat --help`. Load average (1/5/15 min) at start ")
                .append(loadBefore).append(", at end ").append(Machine.loadAverage()).append(".\n\n");
        machine.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("- Data dirs, lifeboat's staging dir and the baseline's files: ").append(workDir).append(" (")
                .append(fileSystem).append("), the same file system as S3Mock's store\n");
        notes.forEach(note -> out.append('\n').append(note).append('\n'));
        long dbBytes = manifest == null ? options.dbSizeBytes() : manifest.dbSizeBytes();
        out.append("\n### Summary (medians and best of the successful runs; RSS is the maximum)\n\n")
                .append(RestoreReport.summary(rows, dbBytes));
        out.append("\n### Every run\n\n").append(RestoreReport.allRuns(rows));
        return out.toString();
    }

    private void logged(List<Measurement> measurements) {
        for (Measurement m : measurements) {
            rows.add(m);
            log(String.format(Locale.ROOT, "  %s: %s, wall %.2f s, CPU %s s, RSS %s MiB", m.what(),
                    m.ok() ? "ok" : "FAILED (" + m.failure() + ")", m.wallSeconds(), Report.num(m.cpuSeconds(), 1),
                    Report.mib(m.peakRssBytes())));
        }
    }

    /** Flushes earlier runs' dirty pages, untimed, so a restore's own fsyncs wait only for its own writes. */
    private static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private void abort() {
        WorkDir.abort(current, workDir);
    }

    private static void log(String message) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " restore-bench: " + message);
    }
}
