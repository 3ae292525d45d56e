package io.lifeboat.retention;

import static io.lifeboat.retention.RetentionTiersTest.holders;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hourly and daily periods on the days Berlin changes its clocks, stated as plain facts
 * (rather than against {@link ExpectedTiers}) so the decided meaning is readable here: a
 * period is a wall-clock label, as in restic and borg.
 */
class RetentionDstTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void hourly_springForwardDay_hasTwentyThreePeriods_andNoTwoOClock() {
        LocalDate day = LocalDate.parse("2026-03-29");
        Instant endOfDay = day.plusDays(1).atStartOfDay(BERLIN).toInstant();
        Decision decision = decide(endOfDay, new RetentionPolicy(0, 24, 0, 0, 0, 0, BERLIN));

        List<ZonedDateTime> hourly = local(holders(decision, Tier.HOURLY));
        assertThat(hourly).filteredOn(t -> t.toLocalDate().equals(day)).hasSize(23)
                .noneMatch(t -> t.getHour() == 2);
        // The 24th slot reaches into the day before.
        assertThat(hourly).filteredOn(t -> t.toLocalDate().equals(day.minusDays(1))).hasSize(1);
    }

    @Test
    void hourly_fallBackDay_repeatedHourIsOnePeriod_keptByItsNewestSnapshot() {
        LocalDate day = LocalDate.parse("2026-10-25");
        Instant endOfDay = day.plusDays(1).atStartOfDay(BERLIN).toInstant();
        Decision decision = decide(endOfDay, new RetentionPolicy(0, 24, 0, 0, 0, 0, BERLIN));

        List<ZonedDateTime> hourly = local(holders(decision, Tier.HOURLY));
        // 25 real hours, 24 wall-clock hours: the 24 slots cover exactly that day.
        assertThat(hourly).hasSize(24).allMatch(t -> t.toLocalDate().equals(day));
        // 02:00-03:00 happened in CEST (+02:00), then again in CET (+01:00); the newest is in CET.
        assertThat(hourly).filteredOn(t -> t.getHour() == 2).singleElement()
                .satisfies(t -> assertThat(t.getOffset()).isEqualTo(ZoneOffset.ofHours(1)));
    }

    @Test
    void hourly_fallBackDayInUtc_hasTwentyFiveHoursForTheSameStretch() {
        LocalDate day = LocalDate.parse("2026-10-25");
        Instant start = day.atStartOfDay(BERLIN).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(BERLIN).toInstant();
        Decision decision = decide(end, new RetentionPolicy(0, 25, 0, 0, 0, 0, ZoneOffset.UTC));

        assertThat(holders(decision, Tier.HOURLY)).hasSize(25)
                .allMatch(id -> id.time().isAfter(start));
    }

    @Test
    void daily_aroundBothChanges_eachDayIsOnePeriodWhateverItsLength() {
        Instant end = LocalDate.parse("2026-11-01").atStartOfDay(BERLIN).toInstant();
        // 2026-10-01 .. 2026-10-31: 31 days including the 25-hour one.
        Decision decision = decide(end, new RetentionPolicy(0, 0, 31, 0, 0, 0, BERLIN));

        assertThat(local(holders(decision, Tier.DAILY))).hasSize(31)
                .allMatch(t -> t.getMonthValue() == 10)
                // The newest of each day is in its last quarter hour, even on the 25-hour day.
                .allMatch(t -> t.getHour() == 23);
    }

    private static Decision decide(Instant now, RetentionPolicy policy) {
        return Retention.decide(Listing.complete(History.upTo(now)), now, policy);
    }

    private static List<ZonedDateTime> local(List<SnapshotId> ids) {
        return ids.stream().map(id -> id.time().atZone(BERLIN)).toList();
    }
}
