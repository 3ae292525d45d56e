package io.lifeboat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's figures as markdown: a summary (medians), every run, and the heap probe. */
final class Report {

    private static final double MIB = 1 << 20;

    private Report() {
    }

    static String summary(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| values | db (target) | tool | heap | runs ok | wall s | MiB/s (wall) | start-up s "
                + "| stream s | MiB/s (stream) | exit s | ratio | peak RSS MiB | peak heap MiB "
                + "| live after GC MiB | CPU s | stream CPU (cores) |\n");
        out.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.values() + "|" + row.target() + "|" + row.tool() + "|" + row.heap(),
                    k -> new ArrayList<>()).add(row);
        }
        for (List<Row> group : groups.values()) {
            Row first = group.get(0);
            List<Row> ok = group.stream().filter(Row::ok).toList();
            long db = (ok.isEmpty() ? first : ok.get(0)).dbBytes();
            out.append("| ").append(first.values()).append(" | ").append(mib(db)).append(" MiB (")
                    .append(first.target()).append(") | ").append(first.tool()).append(" | ").append(first.heap())
                    .append(" | ").append(ok.size()).append('/').append(group.size());
            if (ok.isEmpty()) {
                out.append(" | failed: ").append(first.failure().replace('|', '/'))
                        .append(" |".repeat(12)).append('\n');
                continue;
            }
            cells(out, num(median(ok, Row::wallSeconds), 1), num(median(ok, Row::wallMibPerSecond), 0),
                    num(median(ok, Row::startupSeconds), 1), num(median(ok, Row::streamSeconds), 1),
                    num(median(ok, Row::streamMibPerSecond), 0), num(median(ok, Row::exitSeconds), 1),
                    num(median(ok, Row::ratio), 2), num(max(ok, r -> r.peakRssBytes() / MIB), 0),
                    num(max(ok, r -> r.gc() == null ? Double.NaN : r.gc().peakUsedBytes() / MIB), 0),
                    num(max(ok, r -> r.gc() == null ? Double.NaN : r.gc().peakLiveBytes() / MIB), 0),
                    num(median(ok, Row::cpuSeconds), 1),
                    num(median(ok, r -> r.streamCpuSeconds() / r.streamSeconds()), 2));
            out.append(" |\n");
        }
        return out.toString();
    }

    static String allRuns(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| values | db MiB | tool | heap | run | wall s | MiB/s | start-up s | stream s | exit s "
                + "| stream CPU s | stored MiB | ratio | RSS MiB | heap MiB | live MiB | committed MiB "
                + "| GC pauses (full) | pause ms | CPU s | box busy | load1 | result |\n");
        out.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:"
                + "|---:|---:|---:|---|\n");
        for (Row row : rows) {
            GcLog gc = row.gc();
            out.append("| ").append(row.values());
            cells(out, mib(row.dbBytes()), row.tool(), row.heap(), Integer.toString(row.run()),
                    num(row.wallSeconds(), 1), row.ok() ? num(row.wallMibPerSecond(), 0) : "",
                    num(row.startupSeconds(), 1), num(row.streamSeconds(), 1), num(row.exitSeconds(), 1),
                    num(row.streamCpuSeconds(), 1), row.ok() ? mib(row.storedBytes()) : "",
                    row.ok() ? num(row.ratio(), 2) : "", mib(row.peakRssBytes()),
                    gc == null ? "" : mib(gc.peakUsedBytes()), gc == null ? "" : mib(gc.peakLiveBytes()),
                    gc == null ? "" : mib(gc.peakCommittedBytes()),
                    gc == null ? "" : gc.pauses() + " (" + gc.fullPauses() + ")",
                    gc == null ? "" : num(gc.pauseMillis(), 0), num(row.cpuSeconds(), 1),
                    num(100 * row.boxBusy(), 0) + "%", num(row.load1(), 2),
                    row.ok() ? "ok" : row.failure().replace('|', '/'));
            out.append(" |\n");
        }
        return out.toString();
    }

    /**
     * Per value kind and size: the medians of the successful wall times of {@code save}, of
     * {@code pipeline} and of {@code lifeboat} with a fixed -Xmx (the default-heap run is the
     * unconstrained extra, not the product's setting), and lifeboat's as a multiple of each.
     */
    static String ratios(List<Row> rows, String save, String pipeline, String lifeboat) {
        StringBuilder out = new StringBuilder();
        out.append("| values | db (target) | ").append(save).append(" s | ").append(pipeline).append(" s | ")
                .append(lifeboat).append(" s | lifeboat / save | pipeline / lifeboat |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.values() + "|" + row.target(), k -> new ArrayList<>()).add(row);
        }
        for (List<Row> group : groups.values()) {
            double saveWall = median(ok(group, save, false), Row::wallSeconds);
            double pipelineWall = median(ok(group, pipeline, false), Row::wallSeconds);
            double lifeboatWall = median(ok(group, lifeboat, true), Row::wallSeconds);
            out.append("| ").append(group.get(0).values()).append(" | ").append(group.get(0).target());
            cells(out, num(saveWall, 1), num(pipelineWall, 1), num(lifeboatWall, 1),
                    num(lifeboatWall / saveWall, 2), num(pipelineWall / lifeboatWall, 2));
            out.append(" |\n");
        }
        return out.toString();
    }

    private static List<Row> ok(List<Row> group, String tool, boolean fixedHeap) {
        return group.stream().filter(r -> r.ok() && r.tool().equals(tool)
                && (!fixedHeap || r.heap().startsWith("-Xmx"))).toList();
    }

    private static void cells(StringBuilder out, String... cells) {
        for (String cell : cells) {
            out.append(" | ").append(cell);
        }
    }

    static String mib(long bytes) {
        return num(bytes / MIB, bytes < (10 << 20) ? 1 : 0);
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> metric) {
        double[] values = rows.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double max(List<Row> rows, ToDoubleFunction<Row> metric) {
        return rows.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }
}
