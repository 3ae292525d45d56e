package io.lifeboat.retention;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How many snapshots to keep per tier, with borg's and restic's {@code --keep-*} meaning:
 * {@code keepLast} newest snapshots, plus the newest snapshot in each of the {@code keepHourly}
 * most recent hours that contain a snapshot, and likewise days, ISO weeks, months and years.
 * Periods are calendar periods in {@code zone}. Any count may be 0 (that tier keeps nothing).
 *
 * <p>Settings under {@code lifeboat.retention}: {@code keep-last}, {@code keep-hourly},
 * {@code keep-daily}, {@code keep-weekly}, {@code keep-monthly}, {@code keep-yearly},
 * {@code zone}.
 *
 * @throws IllegalArgumentException naming the setting when a count is negative or the zone is missing
 */
public record RetentionPolicy(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly,
                              int keepYearly, ZoneId zone) {

    /** Last 10, 24 hourly, 31 daily, 8 weekly, 12 monthly, no yearly, in UTC. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(10, 24, 31, 8, 12, 0, ZoneOffset.UTC);

    public RetentionPolicy {
        requireCount("keep-last", keepLast);
        requireCount("keep-hourly", keepHourly);
        requireCount("keep-daily", keepDaily);
        requireCount("keep-weekly", keepWeekly);
        requireCount("keep-monthly", keepMonthly);
        requireCount("keep-yearly", keepYearly);
        if (zone == null) {
            throw new IllegalArgumentException("lifeboat.retention.zone must be set, e.g. UTC or Europe/Berlin");
        }
    }

    /** The same counts, with periods taken in {@code newZone}. */
    public RetentionPolicy withZone(ZoneId newZone) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, newZone);
    }

    /** How many periods (or, for {@link Tier#LAST}, snapshots) {@code tier} keeps. */
    public int count(Tier tier) {
        return switch (tier) {
            case LAST -> keepLast;
            case HOURLY -> keepHourly;
            case DAILY -> keepDaily;
            case WEEKLY -> keepWeekly;
            case MONTHLY -> keepMonthly;
            case YEARLY -> keepYearly;
        };
    }

    private static void requireCount(String key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("lifeboat.retention." + key + " must be >= 0, was " + value);
        }
    }
}
