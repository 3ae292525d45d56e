package io.lifeboat.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TierTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void highest_isTheTierWithTheLongestPeriod() {
        assertThat(Tier.highest(EnumSet.of(Tier.LAST, Tier.DAILY, Tier.MONTHLY))).contains(Tier.MONTHLY);
        assertThat(Tier.highest(EnumSet.allOf(Tier.class))).contains(Tier.YEARLY);
        assertThat(Tier.highest(Set.of(Tier.LAST))).contains(Tier.LAST);
        assertThat(Tier.highest(Set.of())).isEmpty();
    }

    @Test
    void fromLabel_readsALabelInAnyCase_andNamesTheChoicesOtherwise() {
        assertThat(Tier.fromLabel(" Daily")).isEqualTo(Tier.DAILY);
        assertThatThrownBy(() -> Tier.fromLabel("fortnightly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last, hourly, daily, weekly, monthly, yearly");
    }

    @Test
    void labels_areTheNamesUsedInTagsAndSettings() {
        assertThat(Tier.values()).extracting(Tier::label)
                .containsExactly("last", "hourly", "daily", "weekly", "monthly", "yearly");
    }

    @Test
    void weekly_lastDaysOfDecemberAndFirstDaysOfJanuary_shareOneIsoWeek() {
        // 2026-12-28 (Mon) .. 2027-01-03 (Sun) is ISO week 53 of 2026.
        assertThat(Tier.WEEKLY.periodOf(at("2026-12-29T12:00:00Z"), ZoneOffset.UTC))
                .isEqualTo(Tier.WEEKLY.periodOf(at("2027-01-03T12:00:00Z"), ZoneOffset.UTC))
                .isNotEqualTo(Tier.WEEKLY.periodOf(at("2026-12-27T12:00:00Z"), ZoneOffset.UTC))
                .isNotEqualTo(Tier.WEEKLY.periodOf(at("2027-01-04T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void hourly_repeatedHourOfAFallBackDay_isOnePeriod() {
        // 2026-10-25 in Berlin: 02:30 CEST is 00:30Z, 02:30 CET is 01:30Z.
        assertThat(Tier.HOURLY.periodOf(at("2026-10-25T00:30:00Z"), BERLIN))
                .isEqualTo(Tier.HOURLY.periodOf(at("2026-10-25T01:30:00Z"), BERLIN));
        assertThat(Tier.HOURLY.periodOf(at("2026-10-25T00:30:00Z"), ZoneOffset.UTC))
                .isNotEqualTo(Tier.HOURLY.periodOf(at("2026-10-25T01:30:00Z"), ZoneOffset.UTC));
    }

    @Test
    void daily_isTheCalendarDayInTheZone() {
        // 22:30Z on June 30 is already July 1 in Berlin (UTC+2 in summer).
        assertThat(Tier.DAILY.periodOf(at("2026-06-30T22:30:00Z"), BERLIN))
                .isEqualTo(Tier.DAILY.periodOf(at("2026-07-01T10:00:00Z"), BERLIN));
        assertThat(Tier.DAILY.periodOf(at("2026-06-30T22:30:00Z"), ZoneOffset.UTC))
                .isNotEqualTo(Tier.DAILY.periodOf(at("2026-07-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void last_twoSnapshotsInOneSecond_areTwoPeriods() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(Tier.LAST.periodOf(new SnapshotId(t, 5), ZoneOffset.UTC))
                .isNotEqualTo(Tier.LAST.periodOf(new SnapshotId(t, 6), ZoneOffset.UTC));
    }

    private static SnapshotId at(String instant) {
        return new SnapshotId(Instant.parse(instant), 1);
    }
}
