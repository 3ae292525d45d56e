package io.lifeboat.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.ZoneId;

/**
 * {@code lifeboat.retention.*}: which snapshots to keep ({@link RetentionPolicy}, borg's and
 * restic's {@code --keep-*} meaning) and when the service prunes: after each successful backup,
 * and on its own {@code cron}. The defaults are {@link RetentionPolicy#DEFAULT}'s.
 *
 * @param enabled prune and tier at all; off, snapshots are only ever added
 * @param dryRun log what a pass would delete and tag, and change nothing
 * @param keepLast the newest N snapshots
 * @param keepHourly the newest snapshot in each of the N most recent hours that have one
 * @param keepDaily likewise days
 * @param keepWeekly likewise ISO weeks
 * @param keepMonthly likewise months
 * @param keepYearly likewise years
 * @param zone the zone hours, days, weeks, months and years are taken in ({@code UTC}, {@code Europe/Berlin})
 * @param cron six fields, the schedule of passes besides the one after each backup (default hourly at
 *     minute 7, between the default backup ticks)
 */
@ConfigurationProperties("lifeboat.retention")
public record RetentionConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "false") boolean dryRun,
        @Bindable(defaultValue = "10") int keepLast,
        @Bindable(defaultValue = "24") int keepHourly,
        @Bindable(defaultValue = "31") int keepDaily,
        @Bindable(defaultValue = "8") int keepWeekly,
        @Bindable(defaultValue = "12") int keepMonthly,
        @Bindable(defaultValue = "0") int keepYearly,
        @Bindable(defaultValue = "UTC") String zone,
        @Bindable(defaultValue = "0 7 * * * *") String cron) {

    /** The largest count a keep-* setting takes: far beyond any sensible policy, small enough to be a typo's bound. */
    public static final int MAX_KEEP = 100_000;

    /** The policy these settings describe; the settings check has validated each value. */
    public RetentionPolicy policy() {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly,
                ZoneId.of(zone));
    }
}
