package io.lifeboat.lifecycle;

import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.retention.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Transitions that cost more than they save: a snapshot that is deleted (or moves on to another
 * tier) sooner than its storage class's minimum storage duration after moving there is billed for
 * the whole minimum anyway. The check is approximate, by design: a tier's retention is estimated
 * from its count and period, which is exact only when every period holds a snapshot.
 */
public final class LifecycleWarnings {

    private LifecycleWarnings() {
    }

    /** One message per transition whose class outlives the tier's retention; empty when all are fine. */
    public static List<String> of(List<TierTransition> transitions, RetentionPolicy policy) {
        List<String> warnings = new ArrayList<>();
        for (TierTransition t : transitions) {
            int minimum = t.storageClass().minimumStorageDays();
            OptionalInt retention = retentionDays(t.tier(), policy);
            if (retention.isEmpty()) {
                // keep-last counts snapshots, not time: at a 15-minute schedule 10 snapshots live 2.5 hours.
                warnings.add("tier last keeps the newest " + policy.keepLast() + " snapshot(s), however old: its"
                        + " retention in days is unknown, so " + t + " may pay " + t.storageClass()
                        + "'s minimum of " + minimum + " days for objects deleted much sooner");
                continue;
            }
            // Time in the class is from the transition to the deletion, and the minimum is billed on that.
            int daysInClass = retention.getAsInt() - t.days();
            if (daysInClass < minimum) {
                warnings.add("tier " + t.tier() + " keeps snapshots about " + retention.getAsInt() + " day(s), so "
                        + t + " leaves them in " + t.storageClass() + " about " + Math.max(daysInClass, 0)
                        + " day(s), less than its minimum storage duration of " + minimum
                        + " days: each is billed for " + minimum + " days");
            }
        }
        return warnings;
    }

    /**
     * About how long {@code tier} keeps a snapshot, in days: its count times its period (a month
     * taken as 30 days); empty for {@link Tier#LAST}, which counts snapshots, not periods.
     */
    public static OptionalInt retentionDays(Tier tier, RetentionPolicy policy) {
        int count = policy.count(tier);
        return switch (tier) {
            case LAST -> OptionalInt.empty();
            case HOURLY -> OptionalInt.of(count / 24);
            case DAILY -> OptionalInt.of(count);
            case WEEKLY -> OptionalInt.of(7 * count);
            case MONTHLY -> OptionalInt.of(30 * count);
            case YEARLY -> OptionalInt.of(365 * count);
        };
    }
}
