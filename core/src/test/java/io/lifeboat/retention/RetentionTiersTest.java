package io.lifeboat.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small hand-made histories, one rule at a time, in UTC unless a test says otherwise. */
class RetentionTiersTest {

    private static final Instant NOW = Instant.parse("2027-06-01T00:00:00Z");

    @Test
    void last_keepsTheNNewest() {
        List<SnapshotId> all = ids("2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z", "2026-11-21T12:00:00Z",
                "2026-11-21T13:00:00Z", "2026-11-21T14:00:00Z");
        Decision decision = decide(all, policy(3, 0, 0, 0, 0, 0));
        assertThat(holders(decision, Tier.LAST)).containsExactlyInAnyOrder(all.get(4), all.get(3), all.get(2));
        assertThat(decision.prune()).containsExactly(all.get(1), all.get(0));
    }

    @Test
    void hourly_keepsTheNewestOfEachHourWithASnapshot_anEmptyHourTakesNoSlot() {
        List<SnapshotId> all = ids("2026-11-21T10:05:00Z", "2026-11-21T10:50:00Z", "2026-11-21T11:10:00Z",
                "2026-11-21T13:30:00Z");
        Decision decision = decide(all, policy(0, 3, 0, 0, 0, 0));
        // 12:00-13:00 has no snapshot, so the third slot reaches back to 10:00-11:00.
        assertThat(holders(decision, Tier.HOURLY)).containsExactlyInAnyOrder(all.get(3), all.get(2), all.get(1));
        assertThat(decision.prune()).containsExactly(all.get(0));
    }

    @Test
    void daily_keepsTheNewestOfEachDayWithASnapshot() {
        List<SnapshotId> all = ids("2026-11-18T23:59:59Z", "2026-11-19T00:00:00Z", "2026-11-19T18:00:00Z",
                "2026-11-22T01:00:00Z", "2026-11-22T02:00:00Z");
        Decision decision = decide(all, policy(0, 0, 2, 0, 0, 0));
        assertThat(holders(decision, Tier.DAILY)).containsExactlyInAnyOrder(all.get(4), all.get(2));
        assertThat(decision.prune()).containsExactly(all.get(3), all.get(1), all.get(0));
    }

    @Test
    void daily_takesDaysInTheConfiguredZone() {
        // 22:30Z on June 30 is 00:30 on July 1 in Berlin: the newest of July 1 there.
        List<SnapshotId> all = ids("2026-06-30T21:00:00Z", "2026-06-30T22:30:00Z");
        Decision utc = decide(all, policy(0, 0, 1, 0, 0, 0));
        Decision berlin = decide(all, policy(0, 0, 2, 0, 0, 0).withZone(ZoneId.of("Europe/Berlin")));
        assertThat(holders(utc, Tier.DAILY)).containsExactly(all.get(1));
        assertThat(holders(berlin, Tier.DAILY)).containsExactlyInAnyOrder(all.get(0), all.get(1));
        assertThat(decide(all, policy(0, 0, 2, 0, 0, 0)).prune()).containsExactly(all.get(0));
    }

    @Test
    void weekly_usesIsoWeeks_aWeekAcrossNewYearIsOnePeriod() {
        // Dec 29 (Tue) and Jan 2 (Sat) are both in ISO week 53 of 2026; Dec 27 (Sun) is week 52.
        List<SnapshotId> all = ids("2026-12-27T12:00:00Z", "2026-12-29T12:00:00Z", "2027-01-02T12:00:00Z");
        Decision decision = decide(all, policy(0, 0, 0, 2, 0, 0));
        assertThat(holders(decision, Tier.WEEKLY)).containsExactlyInAnyOrder(all.get(2), all.get(0));
        assertThat(decision.prune()).containsExactly(all.get(1));
    }

    @Test
    void monthly_keepsTheNewestOfEachMonthWithASnapshot_anEmptyMonthTakesNoSlot() {
        List<SnapshotId> all = ids("2026-01-01T00:00:00Z", "2026-01-31T23:59:59Z", "2026-03-01T00:00:00Z",
                "2026-03-15T00:00:00Z");
        Decision decision = decide(all, policy(0, 0, 0, 0, 2, 0));
        assertThat(holders(decision, Tier.MONTHLY)).containsExactlyInAnyOrder(all.get(3), all.get(1));
        assertThat(decision.prune()).containsExactly(all.get(2), all.get(0));
    }

    @Test
    void yearly_keepsTheNewestOfEachYearWithASnapshot() {
        List<SnapshotId> all = ids("2023-06-01T00:00:00Z", "2024-12-31T23:00:00Z", "2026-01-01T00:00:00Z",
                "2026-05-01T00:00:00Z");
        Decision decision = decide(all, policy(0, 0, 0, 0, 0, 2));
        assertThat(holders(decision, Tier.YEARLY)).containsExactlyInAnyOrder(all.get(3), all.get(1));
        assertThat(decision.prune()).containsExactly(all.get(2), all.get(0));
    }

    @Test
    void newestSnapshot_holdsEveryNonZeroTier_andItsHighestIsTheLongestPeriod() {
        List<SnapshotId> all = ids("2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z");
        Decision decision = decide(all, new RetentionPolicy(1, 1, 1, 1, 1, 1, ZoneOffset.UTC));
        assertThat(decision.tiersOf(all.get(1))).isEqualTo(EnumSet.allOf(Tier.class));
        assertThat(decision.highest(all.get(1))).contains(Tier.YEARLY);
        assertThat(decision.prune()).containsExactly(all.get(0));
        assertThat(decision.highest(all.get(0))).isEmpty();
    }

    @Test
    void sameSecond_higherRevisionIsTheNewer() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        SnapshotId lower = new SnapshotId(t, 500);
        SnapshotId higher = new SnapshotId(t, 501);
        List<SnapshotId> all = List.of(higher, lower);
        assertThat(decide(all, policy(1, 0, 0, 0, 0, 0)).prune()).containsExactly(lower);
        assertThat(decide(all, policy(0, 1, 0, 0, 0, 0)).prune()).containsExactly(lower);
        assertThat(decide(all, policy(2, 0, 0, 0, 0, 0)).prune()).isEmpty();
    }

    @Test
    void zeroCount_thatTierHoldsNothing() {
        List<SnapshotId> all = ids("2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z");
        Decision decision = decide(all, policy(0, 0, 5, 0, 0, 0));
        assertThat(decision.kept().values()).allSatisfy(tiers -> assertThat(tiers).containsOnly(Tier.DAILY));
        assertThat(decision.prune()).containsExactly(all.get(1));
    }

    @Test
    void seedCase_last10PlusOneADayFor31Days() {
        // 40 days, 4 snapshots a day at 00, 06, 12, 18 h.
        List<SnapshotId> all = new ArrayList<>();
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < 160; i++) {
            all.add(new SnapshotId(start.plus(Duration.ofHours(6L * i)), 1000 + i));
        }
        Decision decision = decide(all, new RetentionPolicy(10, 0, 31, 0, 0, 0, ZoneOffset.UTC));

        assertThat(holders(decision, Tier.LAST)).containsExactlyInAnyOrderElementsOf(all.subList(150, 160));
        List<SnapshotId> eveningsOfLast31Days = new ArrayList<>();
        for (int day = 9; day < 40; day++) {
            eveningsOfLast31Days.add(all.get(day * 4 + 3));
        }
        assertThat(holders(decision, Tier.DAILY)).containsExactlyInAnyOrderElementsOf(eveningsOfLast31Days);
        // The evenings of the last 3 days are also among the 10 newest: 10 + 31 - 3.
        assertThat(decision.kept()).hasSize(38);
        assertThat(decision.prune()).hasSize(160 - 38);
    }

    @Test
    void emptyListing_keepsAndPrunesNothing() {
        Decision decision = Retention.decide(Listing.complete(List.of()), NOW, RetentionPolicy.DEFAULT);
        assertThat(decision.kept()).isEmpty();
        assertThat(decision.prune()).isEmpty();
        assertThat(decision.refusal()).isEmpty();
    }

    private static Decision decide(List<SnapshotId> ids, RetentionPolicy policy) {
        return Retention.decide(Listing.complete(ids.stream().map(Candidate::readable).toList()), NOW, policy);
    }

    static List<SnapshotId> holders(Decision decision, Tier tier) {
        return decision.kept().entrySet().stream().filter(e -> e.getValue().contains(tier)).map(Map.Entry::getKey)
                .toList();
    }

    private static RetentionPolicy policy(int last, int hourly, int daily, int weekly, int monthly, int yearly) {
        return new RetentionPolicy(last, hourly, daily, weekly, monthly, yearly, ZoneOffset.UTC);
    }

    /** Ids for the given instants, oldest first, revisions rising with time. */
    private static List<SnapshotId> ids(String... instants) {
        long[] revision = {100};
        return Arrays.stream(instants).map(t -> new SnapshotId(Instant.parse(t), revision[0]++)).toList();
    }
}
