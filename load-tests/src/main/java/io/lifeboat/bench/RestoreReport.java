package io.lifeboat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The restore benchmark's figures as markdown: per step medians and best, then every run. */
final class RestoreReport {

    private static final double MIB = 1 << 20;

    private RestoreReport() {
    }

    /**
     * One line per step, in the order the steps first ran. A step named "whole: part" (a phase
     * of lifeboat's, a step of the baseline) is indented under the whole that ran just before it.
     */
    static String summary(List<Measurement> rows, long dbBytes) {
        StringBuilder out = new StringBuilder();
        out.append("| step | runs ok | wall s (median) | wall s (best) | db MiB/s (median wall) | CPU s (median) "
                + "| peak RSS MiB (max) | box busy (median) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<Measurement> group : byStep(rows).values()) {
            Measurement first = group.get(0);
            List<Measurement> ok = group.stream().filter(Measurement::ok).toList();
            int colon = first.what().indexOf(": ");
            out.append("| ").append(colon < 0 ? first.what() : "&nbsp;&nbsp;↳ " + first.what().substring(colon + 2)).append(" | ").append(ok.size()).append('/').append(group.size());
            if (ok.isEmpty()) {
                out.append(" | failed: ").append(first.failure().replace('|', '/')).append(" |".repeat(6))
                        .append('\n');
                continue;
            }
            double wall = median(ok, Measurement::wallSeconds);
            boolean perDb = !first.what().equals(LifeboatCli.HELP) && !first.what().equals(LifeboatCli.LIST)
                    && !first.what().endsWith("start-up, catalog, exit");
            cells(out, Report.num(wall, 2), Report.num(min(ok, Measurement::wallSeconds), 2),
                    perDb ? Report.num(dbBytes / MIB / wall, 0) : "",
                    Report.num(median(ok, Measurement::cpuSeconds), 1),
                    first.peakRssBytes() == 0 && ok.stream().allMatch(m -> m.peakRssBytes() == 0) ? ""
                            : Report.num(max(ok, m -> m.peakRssBytes() / MIB), 0),
                    percent(median(ok, Measurement::boxBusy)));
            out.append(" |\n");
        }
        return out.toString();
    }

    static String allRuns(List<Measurement> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| step | run | wall s | CPU s | RSS MiB | box busy | load1 | result |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement row : rows) {
            out.append("| ").append(row.what());
            cells(out, Integer.toString(row.run()), Report.num(row.wallSeconds(), 2), Report.num(row.cpuSeconds(), 1),
                    row.peakRssBytes() == 0 ? "" : Report.mib(row.peakRssBytes()), percent(row.boxBusy()),
                    Report.num(row.load1(), 2), row.ok() ? "ok" : row.failure().replace('|', '/'));
            out.append(" |\n");
        }
        return out.toString();
    }

    private static Map<String, List<Measurement>> byStep(List<Measurement> rows) {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement row : rows) {
            groups.computeIfAbsent(row.what(), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "" : Report.num(100 * share, 0) + "%";
    }

    private static void cells(StringBuilder out, String... cells) {
        for (String cell : cells) {
            out.append(" | ").append(cell);
        }
    }

    static double median(List<Measurement> rows, ToDoubleFunction<Measurement> metric) {
        double[] values = rows.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double min(List<Measurement> rows, ToDoubleFunction<Measurement> metric) {
        return rows.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    private static double max(List<Measurement> rows, ToDoubleFunction<Measurement> metric) {
        return rows.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }
}
