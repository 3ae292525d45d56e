package io.lifeboat.retention;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A retention tier: a reason to keep a snapshot. Declared from the shortest period to the
 * longest, so the natural order ranks them and {@link #highest} is the maximum.
 *
 * <p>Periods are wall-clock labels in the policy's zone, as restic and borg compute them
 * (they format the local time): on a fall-back day the repeated hour 02:00-03:00 is one
 * hourly period two real hours long, and a spring-forward day has 23 hourly periods.
 */
public enum Tier {
    /** One of the newest {@code keep-last} snapshots. */
    LAST("last"),
    HOURLY("hourly"),
    DAILY("daily"),
    /** ISO weeks: Monday to Sunday, numbered within the week-based year (2026-12-31 can be in week 1 of 2027). */
    WEEKLY("weekly"),
    MONTHLY("monthly"),
    YEARLY("yearly");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    /** The name used in manifests, tags and settings: {@code last}, {@code hourly}, ... */
    public String label() {
        return label;
    }

    /** The tier named {@code label} ({@code daily}, case-insensitive); otherwise an error naming the choices. */
    public static Tier fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equalsIgnoreCase(label.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown tier '" + label + "', expected one of "
                        + Arrays.stream(values()).map(Tier::label).collect(Collectors.joining(", "))));
    }

    /**
     * The tier with the longest period among {@code tiers} ({@code yearly > monthly > weekly >
     * daily > hourly > last}); empty when {@code tiers} is empty.
     */
    public static Optional<Tier> highest(Collection<Tier> tiers) {
        return tiers.stream().max(Comparator.naturalOrder());
    }

    /**
     * The period snapshot {@code id} falls in, as a value whose equality means "same period".
     * {@link #LAST} has no period: every snapshot is its own, so its key is the id (not the
     * time: two snapshots in one second are two snapshots).
     */
    Object periodOf(SnapshotId id, ZoneId zone) {
        ZonedDateTime local = id.time().atZone(zone);
        return switch (this) {
            case LAST -> id;
            // LocalDateTime, not ZonedDateTime: without the offset, both 02:00s of a fall-back day match.
            case HOURLY -> local.toLocalDateTime().truncatedTo(ChronoUnit.HOURS);
            case DAILY -> local.toLocalDate();
            case WEEKLY -> new IsoWeek(local.get(IsoFields.WEEK_BASED_YEAR),
                    local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> YearMonth.from(local);
            case YEARLY -> Year.from(local);
        };
    }

    private record IsoWeek(int weekBasedYear, int week) {
    }

    @Override
    public String toString() {
        return label;
    }
}
