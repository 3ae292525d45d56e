package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRatiosTest {

    private static Row row(String tool, String heap, double wall, String failure) {
        return new Row("kubernetes", "1 GiB", tool, heap, 1, 1L << 30, failure, wall, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 1L << 28, 1L << 27, 1, 0.5, 1, null);
    }

    @Test
    void ratios_useMediansOfSuccessfulRuns_andOnlyLifeboatsFixedHeapRuns() {
        List<Row> rows = List.of(
                row(EtcdctlSave.TOOL, "-", 10, null),
                row(EtcdctlSave.TOOL, "-", 12, null),
                row(ShellPipeline.TOOL, "-", 30, null),
                row(ShellPipeline.TOOL, "-", 99, "exited 1 after 2 of 3 steps"),
                row(LifeboatOnce.TOOL, "-Xmx128m", 15, null),
                row(LifeboatOnce.TOOL, "-Xmx64m", 90, "OutOfMemoryError"),
                row(LifeboatOnce.TOOL, LifeboatOnce.DEFAULT_HEAP, 5, null));

        String table = Report.ratios(rows, EtcdctlSave.TOOL, ShellPipeline.TOOL, LifeboatOnce.TOOL);

        // save median 11, pipeline 30 (the failed run left out), lifeboat 15 (default heap left out).
        assertThat(table).contains("| kubernetes | 1 GiB | 11.0 | 30.0 | 15.0 | 1.36 | 2.00 |");
    }

    @Test
    void ratios_leaveAMissingBaselineEmpty_notZero() {
        String table = Report.ratios(List.of(row(EtcdctlSave.TOOL, "-", 10, null),
                row(LifeboatOnce.TOOL, "-Xmx128m", 15, null)), EtcdctlSave.TOOL, ShellPipeline.TOOL,
                LifeboatOnce.TOOL);

        assertThat(table).contains("| kubernetes | 1 GiB | 10.0 |  | 15.0 | 1.50 |  |");
    }
}
