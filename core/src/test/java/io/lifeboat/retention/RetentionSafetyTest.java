package io.lifeboat.retention;

import static io.lifeboat.retention.RetentionTiersTest.holders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionSafetyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final RetentionPolicy LAST_2 = new RetentionPolicy(2, 0, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void incompleteListing_prunesNothingAndSaysWhy() {
        List<Candidate> candidates = hourly(6).stream().map(Candidate::readable).toList();
        Decision decision = Retention.decide(Listing.incomplete(candidates, "page 3 failed: 503 Slow Down"), NOW,
                LAST_2);
        assertThat(decision.prune()).isEmpty();
        assertThat(decision.refused()).isTrue();
        assertThat(decision.refusal()).hasValueSatisfying(why -> assertThat(why)
                .contains("listing incomplete").contains("page 3 failed: 503 Slow Down").contains("4 snapshot(s)"));
        assertThat(decision.kept()).hasSize(6);
    }

    @Test
    void incompleteEmptyListing_isStillARefusal() {
        Decision decision = Retention.decide(Listing.incomplete(List.of(), "timed out"), NOW, LAST_2);
        assertThat(decision.refusal()).isPresent();
        assertThat(decision.prune()).isEmpty();
    }

    @Test
    void unreadableEntry_isNeverPrunedAndTakesNoSlot() {
        List<SnapshotId> ids = hourly(5);
        // The oldest and the newest entries have no readable manifest.
        List<Candidate> candidates = List.of(Candidate.unreadable(ids.get(0)), Candidate.readable(ids.get(1)),
                Candidate.readable(ids.get(2)), Candidate.readable(ids.get(3)), Candidate.unreadable(ids.get(4)));
        Decision decision = Retention.decide(Listing.complete(candidates), NOW, LAST_2);

        assertThat(holders(decision, Tier.LAST)).containsExactlyInAnyOrder(ids.get(3), ids.get(2));
        assertThat(decision.prune()).containsExactly(ids.get(1));
        assertThat(decision.tiersOf(ids.get(0))).isEmpty();
        assertThat(decision.tiersOf(ids.get(4))).isEmpty();
        assertThat(decision.kept()).containsKeys(ids.get(0), ids.get(4));
        assertThat(decision.refusal()).isEmpty();
    }

    @Test
    void onlyUnreadableEntries_prunesNothing() {
        List<Candidate> candidates = hourly(3).stream().map(Candidate::unreadable).toList();
        Decision decision = Retention.decide(Listing.complete(candidates), NOW, LAST_2);
        assertThat(decision.prune()).isEmpty();
        assertThat(decision.kept()).hasSize(3).allSatisfy((id, tiers) -> assertThat(tiers).isEmpty());
    }

    @Test
    void policyThatWouldPruneEverySnapshot_prunesNoneAndSaysWhy() {
        List<Candidate> candidates = hourly(4).stream().map(Candidate::readable).toList();
        Decision decision = Retention.decide(Listing.complete(candidates), NOW,
                new RetentionPolicy(0, 0, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(decision.prune()).isEmpty();
        assertThat(decision.refusal()).hasValueSatisfying(why -> assertThat(why)
                .contains("every one of the 4 restorable").contains("lifeboat.retention.keep-"));
        assertThat(decision.kept()).hasSize(4);
    }

    static Stream<RetentionPolicy> singleSlotPolicies() {
        return Stream.of(
                new RetentionPolicy(1, 0, 0, 0, 0, 0, ZoneOffset.UTC),
                new RetentionPolicy(0, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                new RetentionPolicy(0, 0, 1, 0, 0, 0, ZoneOffset.UTC),
                new RetentionPolicy(0, 0, 0, 1, 0, 0, ZoneOffset.UTC),
                new RetentionPolicy(0, 0, 0, 0, 1, 0, ZoneOffset.UTC),
                new RetentionPolicy(0, 0, 0, 0, 0, 1, ZoneOffset.UTC),
                RetentionPolicy.DEFAULT);
    }

    @ParameterizedTest
    @MethodSource("singleSlotPolicies")
    void newestRestorable_isNeverPruned_evenBehindNewerUnreadableEntries(RetentionPolicy policy) {
        List<SnapshotId> ids = hourly(50);
        List<Candidate> candidates = new ArrayList<>();
        ids.subList(0, 45).forEach(id -> candidates.add(Candidate.readable(id)));
        ids.subList(45, 50).forEach(id -> candidates.add(Candidate.unreadable(id)));

        Decision decision = Retention.decide(Listing.complete(candidates), NOW, policy);

        SnapshotId newestRestorable = ids.get(44);
        assertThat(decision.prune()).isNotEmpty().doesNotContain(newestRestorable);
        assertThat(decision.tiersOf(newestRestorable)).isNotEmpty();
    }

    @Test
    void snapshotsAfterNow_areKeptCountedAndReported() {
        List<SnapshotId> ids = hourly(4);
        // The newest one is half an hour ahead of the pass's clock.
        Instant now = ids.get(3).time().minus(Duration.ofMinutes(30));
        Decision decision = Retention.decide(Listing.complete(ids.stream().map(Candidate::readable).toList()), now,
                LAST_2);
        assertThat(holders(decision, Tier.LAST)).containsExactlyInAnyOrder(ids.get(3), ids.get(2));
        assertThat(decision.prune()).containsExactly(ids.get(1), ids.get(0));
        assertThat(decision.takenAfterNow()).containsExactly(ids.get(3));
    }

    @Test
    void listing_sameIdTwice_isRejected() {
        SnapshotId id = hourly(1).get(0);
        assertThatThrownBy(() -> Listing.complete(List.of(Candidate.readable(id), Candidate.unreadable(id))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(id.toString());
    }

    /** {@code n} snapshots an hour apart, ending at NOW, oldest first. */
    private static List<SnapshotId> hourly(int n) {
        List<SnapshotId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new SnapshotId(NOW.minus(Duration.ofHours(n - 1L - i)), 100L + i));
        }
        return ids;
    }
}
