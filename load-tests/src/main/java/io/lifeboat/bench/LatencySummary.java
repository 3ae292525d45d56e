package io.lifeboat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The put latency of one window, in milliseconds: what the report prints and the chart draws.
 * Stored as a TSV ({@link #write}, {@link #read}) next to the put-latency report, so the charts
 * can be drawn again without running anything.
 *
 * @param window        the window's name
 * @param seconds       how long the window was
 * @param puts          puts due in the window that were answered (the histogram's count)
 * @param failed        puts due in the window that failed or were never answered
 * @param maxSendLagMs  the latest any of its puts left the sender (the load generator's own delay)
 */
record LatencySummary(String window, double seconds, long puts, long failed, double p50Ms, double p90Ms,
                      double p99Ms, double p999Ms, double maxMs, double maxSendLagMs) {

    static final String COLUMNS = "window\tseconds\tputs\tfailed\tp50_ms\tp90_ms\tp99_ms\tp99.9_ms\tmax_ms"
            + "\tmax_send_lag_ms";
    /** The labels of {@link #percentiles()}, in chart order. */
    static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "max");

    static LatencySummary of(String window, double seconds, Histogram micros, long failed, long maxSendLagMicros) {
        boolean empty = micros.getTotalCount() == 0;
        return new LatencySummary(window, seconds, micros.getTotalCount(), failed,
                empty ? Double.NaN : micros.getValueAtPercentile(50) / 1000.0,
                empty ? Double.NaN : micros.getValueAtPercentile(90) / 1000.0,
                empty ? Double.NaN : micros.getValueAtPercentile(99) / 1000.0,
                empty ? Double.NaN : micros.getValueAtPercentile(99.9) / 1000.0,
                empty ? Double.NaN : micros.getMaxValue() / 1000.0, maxSendLagMicros / 1000.0);
    }

    double[] percentiles() {
        return new double[] {p50Ms, p90Ms, p99Ms, p999Ms, maxMs};
    }

    static void write(Path file, List<LatencySummary> summaries) throws IOException {
        StringBuilder out = new StringBuilder(COLUMNS).append('\n');
        for (LatencySummary s : summaries) {
            out.append(s.window()).append('\t').append(format(s.seconds())).append('\t').append(s.puts())
                    .append('\t').append(s.failed());
            for (double value : new double[] {s.p50Ms(), s.p90Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(),
                    s.maxSendLagMs()}) {
                out.append('\t').append(format(value));
            }
            out.append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException naming the file and line on anything but {@link #write}'s format */
    static List<LatencySummary> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(COLUMNS)) {
            throw new IllegalArgumentException(file + ": expected the columns " + COLUMNS.replace('\t', ','));
        }
        List<LatencySummary> summaries = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String[] c = lines.get(n).split("\t", -1);
            try {
                if (c.length != 10) {
                    throw new IllegalArgumentException("10 cells expected, found " + c.length);
                }
                summaries.add(new LatencySummary(c[0], parse(c[1]), Long.parseLong(c[2]), Long.parseLong(c[3]),
                        parse(c[4]), parse(c[5]), parse(c[6]), parse(c[7]), parse(c[8]), parse(c[9])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return summaries;
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double parse(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
