package io.lifeboat.bench;

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

/**
 * lifeboat's backup benchmark (issue 2, item 6), run by {@code load-tests/run-backup-benchmark.sh};
 * see docs/BENCHMARKS.md. Not a test: nothing in the build runs it.
 *
 * <p>For each value kind and db size: a fresh etcd and S3Mock on 127.0.0.1, a fill to the size,
 * then {@code etcdctl snapshot save} to a file (the baseline) and {@code lifeboat --once} as a
 * child JVM, each timed and sampled (wall, CPU, peak RSS, and for lifeboat the GC log's heap and
 * the manifest's sizes). lifeboat runs with the smallest -Xmx of a candidate list that completes
 * every run, starting from the heap the previous size needed (see {@link #smallHeapRuns}): a
 * bounded pipeline needs the same heap for 1 GiB as for 256 MiB. One run with the JVM's
 * default heap shows what it takes when unconstrained.
 *
 * <p>Everything lives under one temp dir, deleted at the end, also on failure or Ctrl-C.
 */
public final class BackupBenchmark {

    private final BenchmarkOptions options;
    private final Path workDir;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> heapPerSize = new ArrayList<>();
    private final List<String> pipelineStages = new ArrayList<>();
    /** The environment running now, for the shutdown hook. */
    private volatile BenchEnvironment current;
    private String smallHeap;

    private BackupBenchmark(BenchmarkOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = Args.orExit(() -> {
            BenchmarkOptions parsed = BenchmarkOptions.parse(args);
            Args.requireFiles(Args.BUILD_SERVICE_JAR, parsed.serviceJar());
            return parsed;
        });
        Path workDir = Files.createTempDirectory("lifeboat-bench-");
        BackupBenchmark benchmark = new BackupBenchmark(options, workDir);
        Thread hook = new Thread(benchmark::abort, "lifeboat-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String report = benchmark.run();
            System.out.println(report);
            if (options.out() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
                Files.writeString(options.out(), report);
                Path tsv = BackupRowsTsv.beside(options.out());
                BackupRowsTsv.write(tsv, benchmark.rows);
                log("report written to " + options.out() + ", every run as TSV (for the charts) to " + tsv);
            }
        } finally {
            WorkDir.delete(workDir);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running and cleans up.
            }
        }
    }

    private String run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        // A private copy: a rebuild of service/ during the run must not swap the jar under it.
        Path jar = Files.copy(options.serviceJar(), workDir.resolve("lifeboat-service.jar"));
        List<String> machine = Machine.describe(workDir);
        for (String values : options.values()) {
            for (long size : options.dbSizesBytes()) {
                try {
                    measure(values, size, jar);
                } catch (RuntimeException e) {
                    // One size failing (etcd or S3Mock would not start, a fill failed) is a result too.
                    log(values + " " + BenchmarkOptions.formatSize(size) + " failed: " + e);
                    failures.add(values + " " + BenchmarkOptions.formatSize(size) + ": " + e);
                }
            }
        }
        Duration took = Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        return render(started, took, loadBefore, Machine.loadAverage(), machine);
    }

    private void measure(String values, long size, Path jar) throws IOException, InterruptedException {
        String label = values + "-" + (size >> 20) + "MiB";
        Path dir = Files.createDirectories(workDir.resolve(label));
        log(label + ": starting etcd and S3Mock");
        try (BenchEnvironment environment = BenchEnvironment.start(dir)) {
            current = environment;
            fill(environment, values, size);
            for (int run = 1; run <= options.runs(); run++) {
                log(label + ": etcdctl snapshot save, run " + run);
                rows.add(logged(EtcdctlSave.run(values, environment.etcdEndpoint(), dir, run, size)));
            }
            pipelineRuns(environment, values, dir, size);
            LifeboatOnce lifeboat = new LifeboatOnce(jar, options, environment);
            smallHeapRuns(lifeboat, values, dir, size);
            log(label + ": lifeboat with the default heap");
            rows.add(logged(lifeboat.run(values, LifeboatOnce.DEFAULT_HEAP, 1, dir, size)));
        } finally {
            current = null;
            WorkDir.delete(dir);
        }
    }

    /** The operator's pipeline without lifeboat ({@link ShellPipeline}), when its tools are here. */
    private void pipelineRuns(BenchEnvironment environment, String values, Path dir, long size)
            throws IOException, InterruptedException {
        String label = values + " " + BenchmarkOptions.formatSize(size);
        String missing = ShellPipeline.missingTools();
        if (missing != null) {
            log(label + ": the save, zstd, upload pipeline is not measured: missing " + missing);
            failures.add(label + " save, zstd -3, aws s3 cp pipeline: missing " + missing);
            return;
        }
        ShellPipeline pipeline = new ShellPipeline(environment);
        for (int run = 1; run <= options.runs(); run++) {
            log(label + ": etcdctl snapshot save, zstd -3, aws s3 cp, run " + run);
            ShellPipeline.Run measured = pipeline.run(values, dir, run, size);
            rows.add(logged(measured.row()));
            pipelineStages.add(label + ", run " + run + ": " + ShellPipeline.Stage.describe(measured.stages()));
        }
    }

    private void fill(BenchEnvironment environment, String values, long size) {
        fill(environment, values, size, options.seed());
    }

    /** The fill every backup-side benchmark uses: the harness's keyspace, random or Kubernetes-like values. */
    static FillResult fill(BenchEnvironment environment, String values, long size, long seed) {
        long started = System.nanoTime();
        KeyspaceGenerator generator = new KeyspaceGenerator();
        FillResult result = values.equals("kubernetes")
                ? generator.fill(environment.etcdEndpoint(), size, seed, new KubernetesLikeValues(seed))
                : generator.fill(environment.etcdEndpoint(), size, seed);
        log(values + "-" + (size >> 20) + "MiB: filled in " + (System.nanoTime() - started) / 1_000_000_000
                + " s: " + result);
        return result;
    }

    /**
     * lifeboat with the smallest heap that still works: {@code runs} backups in a row with the
     * current small heap (on the first size, the first candidate); on a failure, the next larger
     * candidate, from run 1 again. One lucky run is not a working heap: one near the edge fails
     * some runs and passes others. Every run is a row, failures included, so the report shows
     * which heap each size needed: a bounded pipeline needs the same one for every size.
     */
    private void smallHeapRuns(LifeboatOnce lifeboat, String values, Path dir, long size)
            throws IOException, InterruptedException {
        List<String> candidates = options.probeHeaps();
        String label = values + " " + BenchmarkOptions.formatSize(size);
        for (int i = smallHeap == null ? 0 : candidates.indexOf(smallHeap); i >= 0 && i < candidates.size(); i++) {
            String heap = candidates.get(i);
            boolean passed = true;
            for (int run = 1; run <= options.runs() && passed; run++) {
                log(label + ": lifeboat -Xmx" + heap + ", run " + run);
                Row row = logged(lifeboat.run(values, heap, run, dir, size));
                rows.add(row);
                passed = row.ok();
            }
            if (passed) {
                smallHeap = heap;
                heapPerSize.add(label + ": -Xmx" + heap);
                return;
            }
        }
        heapPerSize.add(label + ": none of " + candidates);
        log(label + ": no candidate heap completed " + options.runs() + " backups in a row");
    }

    private String render(Instant started, Duration took, String loadBefore, String loadAfter,
                          List<String> machine) {
        StringBuilder out = new StringBuilder();
        out.append("## Run of ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" (").append(took.toMinutes())
                .append(" min ").append(took.toSecondsPart()).append(" s)\n\n");
        out.append("Settings: part size ").append(options.partSize()).append(", ").append(options.inFlightParts())
                .append(" parts in flight, zstd level ").append(options.zstdLevel()).append(", zstd workers ")
                .append(options.zstdWorkers()).append(", seed ").append(options.seed()).append(", ")
                .append(options.runs()).append(" runs per tool and size. Load average (1/5/15 min) at start ")
                .append(loadBefore).append(", at end ").append(loadAfter).append(".\n\n");
        machine.forEach(line -> out.append("- ").append(line).append('\n'));
        failures.forEach(failure -> out.append("\n**Not measured:** ").append(failure).append('\n'));
        out.append("\n### Summary (medians of the successful runs; peaks are maxima)\n\n")
                .append(Report.summary(rows));
        out.append("\nlifeboat's wall time against the baselines (medians; lifeboat with the small heap):\n\n")
                .append(Report.ratios(rows, EtcdctlSave.TOOL, ShellPipeline.TOOL, LifeboatOnce.TOOL));
        if (!pipelineStages.isEmpty()) {
            out.append("\nThe pipeline's steps (GNU time; RSS is each step's own):\n\n");
            pipelineStages.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        out.append("\nSmallest heap (of ").append(options.probeHeaps()).append(") that completed ")
                .append(options.runs()).append(" backups in a row, per size, in run order:\n\n");
        heapPerSize.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n### Every run\n\n").append(Report.allRuns(rows));
        return out.toString();
    }

    private static Row logged(Row row) {
        log(String.format(Locale.ROOT, "  %s %s run %d: %s, wall %.1f s (stream %s s), %s MiB db, "
                        + "ratio %s, RSS %s MiB%s", row.tool(), row.heap(), row.run(),
                row.ok() ? "ok" : "FAILED (" + row.failure() + ")", row.wallSeconds(),
                Report.num(row.streamSeconds(), 1), Report.mib(row.dbBytes()), Report.num(row.ratio(), 2),
                Report.mib(row.peakRssBytes()),
                row.gc() == null ? "" : ", heap " + Report.mib(row.gc().peakUsedBytes()) + " MiB"));
        return row;
    }

    private void abort() {
        WorkDir.abort(current, workDir);
    }

    private static void log(String message) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " bench: " + message);
    }
}
