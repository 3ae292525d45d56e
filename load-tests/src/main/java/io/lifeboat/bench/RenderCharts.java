package io.lifeboat.bench;

import io.lifeboat.bench.chart.BarChart;
import io.lifeboat.bench.chart.LineChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Draws the benchmarks' PNG charts from their TSVs, headless (load-tests/run-benchmarks.sh runs
 * it with {@code -Djava.awt.headless=true}; it sets the property itself too):
 * {@code backup-throughput.png} and {@code backup-rss.png} against db size from the backup
 * benchmark's rows ({@link BackupRowsTsv}), {@code put-latency.png} from the put-latency
 * benchmark's percentiles ({@link LatencySummary}).
 *
 * <pre>RenderCharts --out-dir DIR [--backup-rows FILE.tsv] [--put-latency FILE.tsv] [--note TEXT]</pre>
 */
public final class RenderCharts {

    private static final double MIB = 1 << 20;

    static final String USAGE =
            "usage: RenderCharts --out-dir DIR [--backup-rows FILE.tsv] [--put-latency FILE.tsv] [--note TEXT]";

    private RenderCharts() {
    }

    /** The command line: {@link #USAGE}; {@code note} already carries its separator. */
    record Options(Path outDir, Path backupRows, Path putLatency, String note) {

        static Options parse(String[] args) {
            Map<String, String> options = Args.pairs(args, USAGE);
            Path outDir = Args.take(options, "--out-dir", Path::of, null);
            Path backupRows = Args.take(options, "--backup-rows", Path::of, null);
            Path putLatency = Args.take(options, "--put-latency", Path::of, null);
            String note = Args.take(options, "--note", text -> " · " + text, "");
            Args.noneLeft(options, USAGE);
            if (outDir == null) {
                throw new IllegalArgumentException("--out-dir is required\n" + USAGE);
            }
            return new Options(outDir, backupRows, putLatency, note);
        }
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Options options = Args.orExit(() -> Options.parse(args));
        if (options.backupRows() != null) {
            List<Row> rows = BackupRowsTsv.read(options.backupRows());
            String source = options.backupRows().getFileName() + options.note();
            LineChart throughput = new LineChart("Backup throughput against db size",
                    source + " · medians of the successful runs", "etcd db size (MiB, log scale)",
                    "MiB of db per second", RenderCharts::sizeLabel);
            throughputSeries(rows).forEach(throughput::add);
            throughput.write(options.outDir().resolve("backup-throughput.png"));
            LineChart rss = new LineChart("Backup peak RSS against db size",
                    source + " · peak VmHWM of each tool's process", "etcd db size (MiB, log scale)",
                    "peak RSS (MiB)", RenderCharts::sizeLabel);
            rssSeries(rows).forEach(rss::add);
            rss.write(options.outDir().resolve("backup-rss.png"));
            System.err.println("charts: " + options.outDir().resolve("backup-throughput.png") + ", "
                    + options.outDir().resolve("backup-rss.png"));
        }
        if (options.putLatency() != null) {
            BarChart chart = new BarChart("etcd put latency with and without a backup",
                    options.putLatency().getFileName() + options.note()
                            + " · open-loop 1 KiB puts, from each put's due time",
                    LatencySummary.PERCENTILES, "percentile", "put latency (ms, log scale)", true);
            for (LatencySummary summary : LatencySummary.read(options.putLatency())) {
                chart.add(summary.window() + " (" + summary.puts() + " puts)", summary.percentiles());
            }
            chart.write(options.outDir().resolve("put-latency.png"));
            System.err.println("chart: " + options.outDir().resolve("put-latency.png"));
        }
    }

    /**
     * Per value kind: lifeboat's stream and wall throughput (every successful run, whatever its
     * heap: the heap barely changes the speed), etcdctl's and the save, zstd, upload pipeline's,
     * which have only a wall time.
     */
    static List<LineChart.Series> throughputSeries(List<Row> rows) {
        List<LineChart.Series> series = new ArrayList<>();
        for (String values : valueKinds(rows)) {
            List<Row> lifeboat = ok(rows, values, LifeboatOnce.TOOL);
            List<Row> etcdctl = ok(rows, values, EtcdctlSave.TOOL);
            series.add(new LineChart.Series("lifeboat --once, stream (" + values + ")",
                    perSize(lifeboat, Row::streamMibPerSecond, false), "lifeboat " + values, false));
            series.add(new LineChart.Series("lifeboat --once, wall (" + values + ")",
                    perSize(lifeboat, Row::wallMibPerSecond, false), "lifeboat " + values, true));
            series.add(new LineChart.Series("etcdctl snapshot save, wall (" + values + ")",
                    perSize(etcdctl, Row::wallMibPerSecond, false), "etcdctl " + values, true));
            series.add(new LineChart.Series(ShellPipeline.TOOL + ", wall (" + values + ")",
                    perSize(ok(rows, values, ShellPipeline.TOOL), Row::wallMibPerSecond, false),
                    "pipeline " + values, true));
        }
        return series.stream().filter(s -> !s.points().isEmpty()).toList();
    }

    /**
     * Per value kind: peak RSS of etcdctl, of lifeboat at the smallest heap that completed every
     * run for that size, and of lifeboat with the JVM's default heap.
     */
    static List<LineChart.Series> rssSeries(List<Row> rows) {
        List<LineChart.Series> series = new ArrayList<>();
        for (String values : valueKinds(rows)) {
            List<Row> small = new ArrayList<>();
            Map<String, List<Row>> lifeboatByTarget = byTarget(rows.stream()
                    .filter(r -> r.values().equals(values) && r.tool().equals(LifeboatOnce.TOOL)
                            && !r.heap().equals(LifeboatOnce.DEFAULT_HEAP))
                    .toList());
            lifeboatByTarget.values().forEach(target -> small.addAll(smallestWorkingHeap(target)));
            series.add(new LineChart.Series("lifeboat --once, smallest working -Xmx (" + values + ")",
                    perSize(small, r -> r.peakRssBytes() / MIB, true), "lifeboat small " + values, false));
            series.add(new LineChart.Series("lifeboat --once, default heap (" + values + ")",
                    perSize(rows.stream().filter(r -> r.ok() && r.values().equals(values)
                            && r.tool().equals(LifeboatOnce.TOOL) && r.heap().equals(LifeboatOnce.DEFAULT_HEAP))
                            .toList(), r -> r.peakRssBytes() / MIB, true), "lifeboat default " + values, true));
            series.add(new LineChart.Series("etcdctl snapshot save (" + values + ")",
                    perSize(ok(rows, values, EtcdctlSave.TOOL), r -> r.peakRssBytes() / MIB, true),
                    "etcdctl " + values, false));
        }
        return series.stream().filter(s -> !s.points().isEmpty()).toList();
    }

    /**
     * The rows of the heap the backup benchmark settled on for one size: it tries heaps in
     * ascending order and stops at the first whose runs all pass, so that is the last heap tried,
     * if all its runs passed; none otherwise.
     */
    static List<Row> smallestWorkingHeap(List<Row> smallHeapRowsInRunOrder) {
        if (smallHeapRowsInRunOrder.isEmpty()) {
            return List.of();
        }
        String last = smallHeapRowsInRunOrder.get(smallHeapRowsInRunOrder.size() - 1).heap();
        List<Row> ofLast = smallHeapRowsInRunOrder.stream().filter(r -> r.heap().equals(last)).toList();
        return ofLast.stream().allMatch(Row::ok) ? ofLast : List.of();
    }

    /** One point per target size: x the median db MiB, y the median (or max) of the metric. */
    private static List<double[]> perSize(List<Row> rows, ToDoubleFunction<Row> metric, boolean max) {
        List<double[]> points = new ArrayList<>();
        for (List<Row> target : byTarget(rows).values()) {
            double x = median(target.stream().mapToDouble(r -> r.dbBytes() / MIB).toArray());
            double[] ys = target.stream().mapToDouble(metric).filter(Double::isFinite).toArray();
            if (ys.length > 0) {
                points.add(new double[] {x, max ? Arrays.stream(ys).max().orElseThrow() : median(ys)});
            }
        }
        return points;
    }

    private static Map<String, List<Row>> byTarget(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r));
        return groups;
    }

    private static List<Row> ok(List<Row> rows, String values, String tool) {
        return rows.stream().filter(r -> r.ok() && r.values().equals(values) && r.tool().equals(tool)).toList();
    }

    private static List<String> valueKinds(List<Row> rows) {
        return rows.stream().map(Row::values).distinct().toList();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** 64, 128, ... MiB; 1 GiB and up in GiB. */
    static String sizeLabel(double mib) {
        return mib >= 1024 ? Report.num(mib / 1024, mib % 1024 == 0 ? 0 : 1) + " GiB" : Report.num(mib, 0);
    }
}
