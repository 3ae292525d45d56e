package io.lifeboat.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A named set of wall-clock intervals ("without a backup": the quiet minutes before each
 * backup; "during the stream": each backup's own snapshot-to-upload-complete time) and the
 * latency of the puts that were <em>due</em> in them. A put belongs to the window its due time
 * falls in, not its answer: a put sent just before a backup and stuck behind it counts as
 * before, which understates the backup's effect by at most one put's latency.
 */
final class LatencyWindow {

    /** Ten minutes: any put slower than that is clamped, and the benchmark has failed anyway. */
    private static final long HIGHEST_MICROS = 600_000_000L;

    private final String name;
    private final List<Instant[]> intervals = new ArrayList<>();

    LatencyWindow(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Adds [from, to). */
    LatencyWindow add(Instant from, Instant to) {
        intervals.add(new Instant[] {from, to});
        return this;
    }

    /** Total length of the intervals, in seconds. */
    double seconds() {
        return intervals.stream().mapToLong(i -> ChronoUnit.MICROS.between(i[0], i[1])).sum() / 1e6;
    }

    boolean contains(long epochMicros) {
        for (Instant[] interval : intervals) {
            if (epochMicros >= micros(interval[0]) && epochMicros < micros(interval[1])) {
                return true;
            }
        }
        return false;
    }

    /** The puts due in this window: an HdrHistogram of the answered ones (µs, 3 digits), and the rest counted. */
    LatencySummary summarize(List<PutSamples.Sample> samples) {
        Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
        long failed = 0;
        long maxSendLag = 0;
        for (PutSamples.Sample sample : samples) {
            if (!contains(sample.dueEpochMicros())) {
                continue;
            }
            maxSendLag = Math.max(maxSendLag, sample.sendLagMicros());
            if (sample.status() == PutSamples.Status.OK) {
                histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, sample.latencyMicros())));
            } else {
                failed++;
            }
        }
        return LatencySummary.of(name, seconds(), histogram, failed, maxSendLag);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
