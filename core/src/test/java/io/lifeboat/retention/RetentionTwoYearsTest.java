package io.lifeboat.retention;

import static io.lifeboat.retention.RetentionTiersTest.holders;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two years of 15-minute snapshots with gaps and jitter, checked against {@link ExpectedTiers}. */
class RetentionTwoYearsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 14:00 CEST on the spring-forward day: the last 24 hours include the hour that does not exist. */
    static final Instant AFTER_SPRING_FORWARD = Instant.parse("2026-03-29T12:00:00Z");
    /** 09:00 CET on the fall-back day: the last 24 hourly periods include 02:00-03:00, which happened twice. */
    static final Instant AFTER_FALL_BACK = Instant.parse("2026-10-25T08:00:00Z");

    static final RetentionPolicy SEED = new RetentionPolicy(10, 0, 31, 0, 0, 0, ZoneOffset.UTC);
    static final RetentionPolicy EVERY_TIER = new RetentionPolicy(5, 48, 40, 10, 14, 3, ZoneOffset.UTC);

    static Stream<Arguments> histories() {
        return Stream.of(RetentionPolicy.DEFAULT, SEED, EVERY_TIER).flatMap(policy -> Stream.of(
                Arguments.of(policy, ZoneOffset.UTC, History.END),
                Arguments.of(policy, BERLIN, History.END),
                Arguments.of(policy, BERLIN, AFTER_SPRING_FORWARD),
                Arguments.of(policy, BERLIN, AFTER_FALL_BACK),
                Arguments.of(policy, ZoneOffset.UTC, AFTER_FALL_BACK)));
    }

    @ParameterizedTest(name = "{0} in {1} up to {2}")
    @MethodSource("histories")
    void decide_twoYearsWithGaps_eachTierHoldsTheNewestOfItsMostRecentPeriodsWithASnapshot(
            RetentionPolicy counts, ZoneId zone, Instant now) {
        RetentionPolicy policy = counts.withZone(zone);
        List<Candidate> candidates = History.upTo(now);

        Decision decision = Retention.decide(Listing.complete(candidates), now, policy);

        Map<Tier, Set<SnapshotId>> expected = ExpectedTiers.of(candidates, policy);
        for (Tier tier : Tier.values()) {
            assertThat(Set.copyOf(holders(decision, tier))).as(tier.label()).isEqualTo(expected.get(tier));
            if (tier != Tier.YEARLY) {
                // Two years hold more periods of every other tier than any policy here keeps.
                assertThat(ExpectedTiers.distinctPeriods(tier, expected.get(tier), zone)).as(tier.label())
                        .isEqualTo(policy.count(tier));
            }
        }
        Set<SnapshotId> keptByTiers = expected.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Set<SnapshotId> expectedPrune = candidates.stream().filter(Candidate::readable).map(Candidate::id)
                .filter(id -> !keptByTiers.contains(id)).collect(Collectors.toSet());
        // Set equality, not containsExactlyInAnyOrder: that one is quadratic on ~70,000 ids.
        assertThat(decision.prune()).doesNotHaveDuplicates().hasSize(expectedPrune.size());
        assertThat(new HashSet<>(decision.prune())).isEqualTo(expectedPrune);
        assertThat(decision.refusal()).isEmpty();
        candidates.stream().filter(c -> !c.readable()).forEach(c -> assertThat(decision.tiersOf(c.id())).isEmpty());
        assertThat(decision.kept().keySet()).hasSize(candidates.size() - expectedPrune.size());
    }

    @Test
    void decide_defaultPolicyOverTwoYears_keeps24Hours31Days8Weeks12MonthsAndTheLast10() {
        Decision decision = Retention.decide(Listing.complete(History.upTo(History.END)), History.END,
                RetentionPolicy.DEFAULT);

        assertThat(holders(decision, Tier.LAST)).hasSize(10);
        assertThat(periods(decision, Tier.HOURLY, ZoneOffset.UTC)).hasSize(24);
        assertThat(periods(decision, Tier.DAILY, ZoneOffset.UTC)).hasSize(31);
        assertThat(periods(decision, Tier.WEEKLY, ZoneOffset.UTC)).hasSize(8);
        assertThat(periods(decision, Tier.MONTHLY, ZoneOffset.UTC)).hasSize(12);
        assertThat(holders(decision, Tier.YEARLY)).isEmpty();
    }

    @Test
    void decide_nodeDownForHoursAndDays_gapsDoNotUseUpSlots() {
        Decision decision = Retention.decide(Listing.complete(History.upTo(History.END)), History.END,
                RetentionPolicy.DEFAULT);

        // Five hours down on the last day: 24 hourly periods reach back 29 hours.
        Instant oldestHourly = oldest(holders(decision, Tier.HOURLY));
        assertThat(Duration.between(oldestHourly, History.END)).isGreaterThan(Duration.ofHours(28));
        // Three-plus days down in December: 31 daily periods reach back into November.
        LocalDate oldestDaily = LocalDate.ofInstant(oldest(holders(decision, Tier.DAILY)), ZoneOffset.UTC);
        assertThat(oldestDaily).isBefore(LocalDate.parse("2026-11-30"));
    }

    private static Set<String> periods(Decision decision, Tier tier, ZoneId zone) {
        Set<String> labels = new HashSet<>();
        holders(decision, tier).forEach(id -> labels.add(ExpectedTiers.label(tier, id.time().atZone(zone), id)));
        return labels;
    }

    private static Instant oldest(List<SnapshotId> ids) {
        return ids.stream().min(SnapshotId::compareTo).orElseThrow().time();
    }
}
