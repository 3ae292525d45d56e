package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyWindowTest {

    private static final Instant T0 = Instant.parse("2026-12-03T13:00:00Z");
    private static final long T0_MICROS = T0.toEpochMilli() * 1000;

    /** 100 puts a second for 4 s: 1 ms each, except 10 ms in the third second; put 50 failed. */
    private static List<PutSamples.Sample> samples() {
        List<PutSamples.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long due = T0_MICROS + i * 10_000L;
            boolean slow = i >= 200 && i < 300;
            samples.add(i == 50
                    ? new PutSamples.Sample(i, due, 0, -1, PutSamples.Status.ERROR)
                    : new PutSamples.Sample(i, due, 0, slow ? 10_000 : 1_000, PutSamples.Status.OK));
        }
        return samples;
    }

    @Test
    void summarize_countsOnlyPutsDueInsideItsIntervals() {
        LatencyWindow quiet = new LatencyWindow("quiet").add(T0, T0.plusSeconds(1)).add(T0.plusSeconds(3),
                T0.plusSeconds(4));

        LatencySummary summary = quiet.summarize(samples());

        assertThat(summary.seconds()).isEqualTo(2.0, within(1e-9));
        assertThat(summary.puts()).isEqualTo(199);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.maxMs()).isEqualTo(1.0, within(0.01));
    }

    @Test
    void summarize_intervalEndIsExclusive_slowSecondGivesItsPercentiles() {
        LatencyWindow during = new LatencyWindow("during").add(T0.plusSeconds(2), T0.plusSeconds(3));

        LatencySummary summary = during.summarize(samples());

        assertThat(summary.puts()).isEqualTo(100);
        assertThat(summary.p50Ms()).isEqualTo(10.0, within(0.01));
        assertThat(summary.p99Ms()).isEqualTo(10.0, within(0.01));
    }

    @Test
    void summarize_halfSlow_p50FastP99Slow() {
        LatencyWindow both = new LatencyWindow("both").add(T0.plusSeconds(1), T0.plusSeconds(3));

        LatencySummary summary = both.summarize(samples());

        assertThat(summary.p50Ms()).isEqualTo(1.0, within(0.01));
        assertThat(summary.p90Ms()).isEqualTo(10.0, within(0.01));
    }

    @Test
    void summarize_noPuts_percentilesAreNaN() {
        LatencySummary summary = new LatencyWindow("empty").add(T0.minusSeconds(5), T0).summarize(samples());

        assertThat(summary.puts()).isZero();
        assertThat(summary.p99Ms()).isNaN();
    }

    @Test
    void summaries_writeThenRead_roundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("put-latency.tsv");
        List<LatencySummary> summaries = List.of(
                new LatencySummary("without backup", 20.0, 4000, 0, 0.5, 1.25, 2.5, 7.125, 12.0, 0.25),
                new LatencySummary("during backup (stream)", 3.5, 700, 2, 0.75, 2.0, 9.0, 15.0, 15.0, 3.0),
                new LatencySummary("empty", 0.0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, 0.0));

        LatencySummary.write(file, summaries);

        assertThat(LatencySummary.read(file)).isEqualTo(summaries);
    }
}
