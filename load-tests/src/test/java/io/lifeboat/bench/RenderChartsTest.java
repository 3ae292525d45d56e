package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lifeboat.bench.chart.LineChart;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderChartsTest {

    private static Row lifeboat(String target, long db, String heap, int run, boolean ok, double wall, double stream,
                                long rss) {
        return new Row("random", target, LifeboatOnce.TOOL, heap, run, db, ok ? null : "OutOfMemoryError", wall,
                1, stream, 1, 1, db / 2, rss, 1, 0.5, 1, null);
    }

    private static final long MIB = 1 << 20;
    private static final List<Row> ROWS = List.of(
            BackupRowsTsvTest.ETCDCTL,
            lifeboat("64 MiB", 66 * MIB, "-Xmx64m", 1, false, 5, Double.NaN, 200 * MIB),
            lifeboat("64 MiB", 66 * MIB, "-Xmx96m", 1, true, 11, 2.2, 290 * MIB),
            lifeboat("64 MiB", 66 * MIB, "-Xmx96m", 2, true, 22, 4.4, 300 * MIB),
            lifeboat("64 MiB", 66 * MIB, "default", 1, true, 11, 2.2, 450 * MIB),
            lifeboat("256 MiB", 264 * MIB, "-Xmx96m", 1, true, 26.4, 8.8, 310 * MIB),
            lifeboat("256 MiB", 264 * MIB, "-Xmx96m", 2, false, 20, Double.NaN, 305 * MIB));

    @Test
    void smallestWorkingHeap_isTheLastHeapTried_onlyIfAllItsRunsPassed() {
        assertThat(RenderCharts.smallestWorkingHeap(ROWS.subList(1, 4))).extracting(Row::heap)
                .containsExactly("-Xmx96m", "-Xmx96m");
        assertThat(RenderCharts.smallestWorkingHeap(ROWS.subList(5, 7))).isEmpty();
    }

    @Test
    void throughputSeries_medianOfEveryOkLifeboatRunPerSize_etcdctlWallOnly() {
        List<LineChart.Series> series = RenderCharts.throughputSeries(ROWS);

        assertThat(series).extracting(LineChart.Series::name).containsExactly(
                "lifeboat --once, stream (random)", "lifeboat --once, wall (random)",
                "etcdctl snapshot save, wall (random)");
        List<double[]> stream = series.get(0).points();
        assertThat(stream).hasSize(2);
        // 66 MiB / 2.2 s: the median of 30, 15 and 30; the failed 256 MiB run does not count.
        assertThat(stream.get(0)).containsExactly(new double[] {66, 30}, within(1e-9));
        assertThat(stream.get(1)).containsExactly(new double[] {264, 30}, within(1e-9));
        assertThat(series.get(1).dashed()).isTrue();
        assertThat(series.get(1).colorKey()).isEqualTo(series.get(0).colorKey());
    }

    @Test
    void rssSeries_smallHeapOnlyWhereOneWorked_defaultHeapApart() {
        List<LineChart.Series> series = RenderCharts.rssSeries(ROWS);

        assertThat(series).extracting(LineChart.Series::name).containsExactly(
                "lifeboat --once, smallest working -Xmx (random)", "lifeboat --once, default heap (random)",
                "etcdctl snapshot save (random)");
        assertThat(series.get(0).points()).hasSize(1);
        assertThat(series.get(0).points().get(0)).containsExactly(66, 300);  // the max of -Xmx96m's runs
        assertThat(series.get(1).points().get(0)).containsExactly(66, 450);
    }

    @Test
    void main_drawsThreePngsFromTheTsvs(@TempDir Path dir) throws Exception {
        Path rows = dir.resolve("backup.tsv");
        BackupRowsTsv.write(rows, ROWS);
        Path latency = dir.resolve("put-latency.tsv");
        LatencySummary.write(latency, List.of(
                new LatencySummary(PutLatencyBenchmark.WITHOUT, 20, 4000, 0, 0.9, 1.6, 3.2, 8.0, 14.0, 0.3),
                new LatencySummary(PutLatencyBenchmark.STREAM, 4, 800, 0, 1.1, 2.5, 4.1, 9.9, 11.0, 0.4)));

        RenderCharts.main(new String[] {"--out-dir", dir.resolve("charts").toString(), "--backup-rows",
                rows.toString(), "--put-latency", latency.toString(), "--note", "test"});

        for (String name : List.of("backup-throughput.png", "backup-rss.png", "put-latency.png")) {
            BufferedImage image = ImageIO.read(dir.resolve("charts").resolve(name).toFile());
            assertThat(image.getWidth()).as(name).isEqualTo(1000);
            assertThat(image.getHeight()).as(name).isEqualTo(620);
        }
    }

    @Test
    void sizeLabel_mibBelowOneGib_gibAbove() {
        assertThat(RenderCharts.sizeLabel(256)).isEqualTo("256");
        assertThat(RenderCharts.sizeLabel(1024)).isEqualTo("1 GiB");
        assertThat(RenderCharts.sizeLabel(2048)).isEqualTo("2 GiB");
    }
}
