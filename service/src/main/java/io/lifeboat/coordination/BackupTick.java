package io.lifeboat.coordination;

import io.micronaut.scheduling.cron.CronExpression;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The nominal time of the schedule's tick a run belongs to: the cron fire time nearest to now.
 * Instances on one cluster with the same cron agree on it even though each scheduler fires on
 * its own clock, slightly early or late, as long as their clocks differ by less than half the
 * cron's period (NTP keeps control-plane nodes within milliseconds; the default cron has 15
 * minutes). The winner records the tick under the lock, so an instance that comes after the
 * winner has already released the lock knows the tick is taken.
 */
public final class BackupTick {

    /** Far enough back to find the previous fire time of any sensible cron (yearly included). */
    private static final Duration LOOK_BACK_LIMIT = Duration.ofDays(400);

    private BackupTick() {
    }

    /**
     * The fire time of {@code cron} nearest to {@code now}; ties go to the earlier one.
     *
     * @param zone the zone the cron is read in: the scheduler's (Micronaut's is the JVM default)
     */
    public static Instant nearest(CronExpression cron, Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        ZonedDateTime next = cron.nextTimeAfter(at);
        ZonedDateTime previous = previousOrSame(cron, at);
        if (previous == null) {
            return next.toInstant();
        }
        Duration sincePrevious = Duration.between(previous, at);
        Duration untilNext = Duration.between(at, next);
        return sincePrevious.compareTo(untilNext) <= 0 ? previous.toInstant() : next.toInstant();
    }

    /**
     * The latest fire time at or before {@code at}. CronExpression only looks forward, so step
     * back (doubling) until a fire time at or before {@code at} is found, then walk forward.
     */
    private static ZonedDateTime previousOrSame(CronExpression cron, ZonedDateTime at) {
        for (Duration back = Duration.ofSeconds(1); back.compareTo(LOOK_BACK_LIMIT) <= 0; back = back.multipliedBy(2)) {
            // nextTimeAfter is strictly after its argument: start just before the window.
            ZonedDateTime candidate = cron.nextTimeAfter(at.minus(back).minusNanos(1));
            if (!candidate.isAfter(at)) {
                ZonedDateTime following = cron.nextTimeAfter(candidate);
                while (!following.isAfter(at)) {
                    candidate = following;
                    following = cron.nextTimeAfter(candidate);
                }
                return candidate;
            }
        }
        return null;
    }
}
