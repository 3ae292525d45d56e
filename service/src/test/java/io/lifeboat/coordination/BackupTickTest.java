package io.lifeboat.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.scheduling.cron.CronExpression;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackupTickTest {

    private static final CronExpression EVERY_5_SECONDS = CronExpression.create("*/5 * * * * *");
    private static final CronExpression EVERY_15_MINUTES = CronExpression.create("0 */15 * * * *");

    @Test
    void nearest_firedOnTime_isThatFireTime() {
        assertThat(tick(EVERY_5_SECONDS, "2026-12-02T16:00:05Z")).isEqualTo("2026-12-02T16:00:05Z");
    }

    @Test
    void nearest_firedLate_isThePreviousFireTime() {
        assertThat(tick(EVERY_5_SECONDS, "2026-12-02T16:00:07.400Z")).isEqualTo("2026-12-02T16:00:05Z");
    }

    @Test
    void nearest_clockAheadSoFiredEarly_isTheComingFireTime() {
        assertThat(tick(EVERY_5_SECONDS, "2026-12-02T16:00:04.950Z")).isEqualTo("2026-12-02T16:00:05Z");
    }

    @Test
    void nearest_instancesWithClocksWithinHalfThePeriod_agree() {
        Instant early = Instant.parse("2026-12-02T16:14:58.500Z");
        Instant late = Instant.parse("2026-12-02T16:15:03.250Z");

        assertThat(BackupTick.nearest(EVERY_15_MINUTES, early, ZoneOffset.UTC))
                .isEqualTo(BackupTick.nearest(EVERY_15_MINUTES, late, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-12-02T16:15:00Z"));
    }

    @Test
    void nearest_dailyCronInItsZone_isThatZonesFireTime() {
        CronExpression daily = CronExpression.create("0 0 2 * * *");
        Instant now = Instant.parse("2026-12-02T01:00:20Z");

        assertThat(BackupTick.nearest(daily, now, ZoneId.of("Europe/Berlin")))
                .isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
    }

    @Test
    void nearest_monthlyCronLongAfterItsFireTime_findsThePreviousOne() {
        CronExpression monthly = CronExpression.create("0 0 0 1 * *");

        assertThat(tick(monthly, "2026-12-10T12:00:00Z")).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(tick(monthly, "2026-12-20T12:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
    }

    private static String tick(CronExpression cron, String now) {
        return BackupTick.nearest(cron, Instant.parse(now), ZoneOffset.UTC).toString();
    }
}
