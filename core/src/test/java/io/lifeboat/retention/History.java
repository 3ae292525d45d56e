package io.lifeboat.retention;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated backup history: a snapshot every 15 minutes, each a few minutes early or late,
 * with the node down for a few stretches, and now and then an entry whose manifest cannot be
 * read. Deterministic (fixed seed), so a failure replays.
 */
final class History {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

    /**
     * When the node was down. Chosen so that the windows of the tests reach over them: one in
     * summer 2025 (only monthly/yearly see it), one over the February/March 2026 month and week
     * boundary (the 31 days before the spring-forward day reach over it), one inside the last
     * 31 days, and five hours on the last day (inside the last 24 hours).
     */
    static final List<Instant[]> GAPS = List.of(
            gap("2025-07-10T06:00:00Z", "2025-07-14T18:00:00Z"),
            gap("2026-02-26T09:00:00Z", "2026-03-03T15:00:00Z"),
            gap("2026-12-09T20:00:00Z", "2026-12-13T04:00:00Z"),
            gap("2026-12-31T08:00:00Z", "2026-12-31T13:00:00Z"));

    private static final List<Candidate> TWO_YEARS = generate(START, END, 20261202L);

    private History() {
    }

    /** Every candidate taken at or before {@code end}, oldest first. */
    static List<Candidate> upTo(Instant end) {
        return TWO_YEARS.subList(0, firstAfter(end));
    }

    /** Every candidate taken after {@code from} and at or before {@code to}, oldest first. */
    static List<Candidate> between(Instant from, Instant to) {
        return TWO_YEARS.subList(firstAfter(from), firstAfter(to));
    }

    // Binary search: the day-by-day tests ask 730 times per policy.
    private static int firstAfter(Instant t) {
        int low = 0;
        int high = TWO_YEARS.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (TWO_YEARS.get(mid).id().time().isAfter(t)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static List<Candidate> generate(Instant start, Instant end, long seed) {
        Random random = new Random(seed);
        List<Candidate> candidates = new ArrayList<>();
        long revision = 1_000_000;
        for (Instant slot = start; slot.isBefore(end); slot = slot.plus(Duration.ofMinutes(15))) {
            // Up to 3 minutes either way keeps the order and leaves every 15-minute slot one snapshot.
            Instant taken = slot.plusSeconds(random.nextInt(361) - 180);
            revision += 1 + random.nextInt(5000);
            if (down(taken)) {
                continue;
            }
            SnapshotId id = new SnapshotId(taken, revision);
            candidates.add(random.nextInt(997) == 0 ? Candidate.unreadable(id) : Candidate.readable(id));
        }
        return List.copyOf(candidates);
    }

    private static boolean down(Instant t) {
        return GAPS.stream().anyMatch(g -> !t.isBefore(g[0]) && t.isBefore(g[1]));
    }

    private static Instant[] gap(String from, String to) {
        return new Instant[] {Instant.parse(from), Instant.parse(to)};
    }
}
