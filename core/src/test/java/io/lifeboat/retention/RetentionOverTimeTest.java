package io.lifeboat.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention as the service runs it: again and again, each pass on what the last one left.
 *
 * <p>Why pruning day by day ends where pruning once does, for these rules: a snapshot kept at
 * the end is the newest of its period with fewer than N newer periods; at any earlier pass the
 * listing is a subset holding it, so it is still the newest of its period with no more newer
 * periods, and it survives every pass. And a pass over a subset that still holds every
 * end-survivor sees the same N newest periods with the same newest snapshots, so it keeps no
 * more. (A rule like restic's {@code --keep-within} measured from {@code now} would need this
 * test to be restated.)
 */
class RetentionOverTimeTest {

    static Stream<Arguments> policies() {
        return Stream.of(RetentionPolicy.DEFAULT, RetentionTwoYearsTest.SEED, RetentionTwoYearsTest.EVERY_TIER)
                .flatMap(policy -> Stream.of(ZoneOffset.UTC, RetentionTwoYearsTest.BERLIN)
                        .map(zone -> Arguments.of(policy.withZone(zone))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void prune_appliedThenRunAgainWithTheSameNow_prunesNothingMore(RetentionPolicy policy) {
        Instant now = History.END;
        Decision first = Retention.decide(Listing.complete(History.upTo(now)), now, policy);
        assertThat(first.prune()).isNotEmpty();

        Decision second = Retention.decide(Listing.complete(survivors(History.upTo(now), first)), now, policy);

        assertThat(second.prune()).isEmpty();
        assertThat(second.kept()).isEqualTo(first.kept());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void prune_dayByDay_keepsTheSameSnapshotsAsOnceAtTheEnd(RetentionPolicy policy) {
        List<Candidate> survivors = pruneDayByDay(policy, decision -> { });
        Decision once = Retention.decide(Listing.complete(History.upTo(History.END)), History.END, policy);

        assertThat(ids(survivors)).isEqualTo(once.kept().keySet());
        // The same tiers too, so tags written day by day end up as one pass would write them.
        Decision last = Retention.decide(Listing.complete(survivors), History.END, policy);
        assertThat(last.prune()).isEmpty();
        assertThat(last.kept()).isEqualTo(once.kept());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void prune_dayByDay_neverPrunesASnapshotThatOnePassAtTheEndKeeps(RetentionPolicy policy) {
        Set<SnapshotId> keptAtTheEnd = Retention.decide(Listing.complete(History.upTo(History.END)), History.END,
                policy).kept().keySet();
        int[] passes = {0};
        pruneDayByDay(policy, decision -> {
            passes[0]++;
            assertThat(decision.prune()).as("pass %d", passes[0]).doesNotContainAnyElementsOf(keptAtTheEnd);
        });
        assertThat(passes[0]).isEqualTo(730);
    }

    /** Advances now a day at a time over the history, adds that day's snapshots, prunes; returns what is left. */
    private static List<Candidate> pruneDayByDay(RetentionPolicy policy, Consumer<Decision> eachPass) {
        List<Candidate> listed = new ArrayList<>();
        // MIN, not START: jitter puts the first snapshot a few minutes before START.
        Instant previous = Instant.MIN;
        for (Instant now = History.START.plus(Duration.ofDays(1)); !now.isAfter(History.END);
                now = now.plus(Duration.ofDays(1))) {
            listed.addAll(History.between(previous, now));
            Decision decision = Retention.decide(Listing.complete(listed), now, policy);
            eachPass.accept(decision);
            listed = new ArrayList<>(survivors(listed, decision));
            previous = now;
        }
        return listed;
    }

    private static List<Candidate> survivors(List<Candidate> listed, Decision decision) {
        Set<SnapshotId> pruned = new HashSet<>(decision.prune());
        return listed.stream().filter(c -> !pruned.contains(c.id())).toList();
    }

    private static Set<SnapshotId> ids(List<Candidate> candidates) {
        Set<SnapshotId> ids = new HashSet<>();
        candidates.forEach(c -> ids.add(c.id()));
        return ids;
    }
}
