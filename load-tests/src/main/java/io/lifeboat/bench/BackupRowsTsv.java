package io.lifeboat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The backup benchmark's rows, every run, as a versioned TSV beside its markdown report: what
 * the charts ({@link RenderCharts}) are drawn from, so they can be drawn again, or from an
 * older run, without running anything. Numbers are written exactly ({@link Double#toString}),
 * NaN as an empty cell; a failure's text has its tabs and line breaks flattened.
 */
final class BackupRowsTsv {

    static final String HEADER = "# lifeboat backup benchmark rows v1";
    static final String COLUMNS = String.join("\t", "values", "target", "tool", "heap", "run", "db_bytes",
            "failure", "wall_s", "startup_s", "stream_s", "exit_s", "stream_cpu_s", "stored_bytes",
            "peak_rss_bytes", "cpu_s", "box_busy", "load1", "gc_collector", "gc_max_heap_bytes",
            "gc_peak_used_bytes", "gc_peak_live_bytes", "gc_peak_committed_bytes", "gc_pauses",
            "gc_full_pauses", "gc_pause_ms");
    private static final int CELLS = 25;

    private BackupRowsTsv() {
    }

    /** {@code x.md} gives {@code x.tsv}. */
    static Path beside(Path markdown) {
        return PutLatencyOptions.tsvBeside(markdown);
    }

    static void write(Path file, List<Row> rows) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n').append(COLUMNS).append('\n');
        for (Row r : rows) {
            GcLog gc = r.gc();
            List<String> cells = new ArrayList<>(List.of(r.values(), r.target(), r.tool(), r.heap(),
                    Integer.toString(r.run()), Long.toString(r.dbBytes()),
                    r.failure() == null ? "" : r.failure().replaceAll("[\\t\\r\\n]+", " "),
                    num(r.wallSeconds()), num(r.startupSeconds()), num(r.streamSeconds()), num(r.exitSeconds()),
                    num(r.streamCpuSeconds()), Long.toString(r.storedBytes()), Long.toString(r.peakRssBytes()),
                    num(r.cpuSeconds()), num(r.boxBusy()), num(r.load1())));
            if (gc == null) {
                cells.addAll(List.of("", "", "", "", "", "", "", ""));
            } else {
                cells.addAll(List.of(gc.collector(), Long.toString(gc.maxHeapBytes()),
                        Long.toString(gc.peakUsedBytes()), Long.toString(gc.peakLiveBytes()),
                        Long.toString(gc.peakCommittedBytes()), Integer.toString(gc.pauses()),
                        Integer.toString(gc.fullPauses()), num(gc.pauseMillis())));
            }
            out.append(String.join("\t", cells)).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException naming the file and line on anything but {@link #write}'s format */
    static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).equals(COLUMNS)) {
            throw new IllegalArgumentException(file + ": not a backup benchmark rows file (expected \"" + HEADER
                    + "\" and its columns)");
        }
        List<Row> rows = new ArrayList<>();
        for (int n = 2; n < lines.size(); n++) {
            String[] c = lines.get(n).split("\t", -1);
            try {
                if (c.length != CELLS) {
                    throw new IllegalArgumentException(CELLS + " cells expected, found " + c.length);
                }
                GcLog gc = c[17].isEmpty() ? null : new GcLog(c[17], Long.parseLong(c[18]), Long.parseLong(c[19]),
                        Long.parseLong(c[20]), Long.parseLong(c[21]), Integer.parseInt(c[22]),
                        Integer.parseInt(c[23]), parse(c[24]));
                rows.add(new Row(c[0], c[1], c[2], c[3], Integer.parseInt(c[4]), Long.parseLong(c[5]),
                        c[6].isEmpty() ? null : c[6], parse(c[7]), parse(c[8]), parse(c[9]), parse(c[10]),
                        parse(c[11]), Long.parseLong(c[12]), Long.parseLong(c[13]), parse(c[14]), parse(c[15]),
                        parse(c[16]), gc));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static double parse(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
