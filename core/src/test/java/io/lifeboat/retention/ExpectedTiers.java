package io.lifeboat.retention;

import io.lifeboat.snapshot.SnapshotId;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The retention rules computed a second way, to check {@link Retention} against: group the
 * readable snapshots by the period's text label (as restic does: it formats the local time),
 * take the newest of each group, then the groups with the newest snapshots. No code of the
 * policy is used.
 */
final class ExpectedTiers {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd HH");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("uuuu");

    private ExpectedTiers() {
    }

    /** The snapshots each tier holds under {@code policy}. */
    static Map<Tier, Set<SnapshotId>> of(List<Candidate> candidates, RetentionPolicy policy) {
        List<SnapshotId> readable = candidates.stream().filter(Candidate::readable).map(Candidate::id).toList();
        Map<Tier, Set<SnapshotId>> expected = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            Map<String, SnapshotId> newestPerPeriod = readable.stream().collect(Collectors.toMap(
                    id -> label(tier, id.time().atZone(policy.zone()), id),
                    Function.<SnapshotId>identity(),
                    BinaryOperator.maxBy(Comparator.<SnapshotId>naturalOrder())));
            expected.put(tier, newestPerPeriod.values().stream()
                    .sorted(Comparator.reverseOrder())
                    .limit(policy.count(tier))
                    .collect(Collectors.toSet()));
        }
        return expected;
    }

    /** How many distinct periods of {@code tier} the snapshots {@code ids} fall in. */
    static long distinctPeriods(Tier tier, Set<SnapshotId> ids, ZoneId zone) {
        return ids.stream().map(id -> label(tier, id.time().atZone(zone), id)).distinct().count();
    }

    static String label(Tier tier, ZonedDateTime local, SnapshotId id) {
        return switch (tier) {
            case LAST -> id.toString();
            case HOURLY -> HOUR.format(local);
            case DAILY -> DateTimeFormatter.ISO_LOCAL_DATE.format(local);
            // ISO_WEEK_DATE prints e.g. 2026-W53-4+01:00; the week is everything before the day.
            case WEEKLY -> {
                String weekDate = DateTimeFormatter.ISO_WEEK_DATE.format(local);
                yield weekDate.substring(0, weekDate.indexOf("-W") + 4);
            }
            case MONTHLY -> MONTH.format(local);
            case YEARLY -> YEAR.format(local);
        };
    }
}
