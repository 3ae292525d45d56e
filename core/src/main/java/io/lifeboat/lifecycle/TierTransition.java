package io.lifeboat.lifecycle;

import io.lifeboat.retention.Tier;
import java.util.Objects;

/**
 * Objects tagged with {@code tier} move to {@code storageClass} {@code days} days after they
 * were created (S3 counts from creation, not from when the tag was set).
 *
 * @param days 0 or more; 0 moves the object at the next lifecycle run
 */
public record TierTransition(Tier tier, StorageClass storageClass, int days) {

    public TierTransition {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(storageClass, "storageClass");
        if (days < 0) {
            throw new IllegalArgumentException("transition days must be >= 0, was " + days);
        }
    }

    /** Parses {@code TIER=CLASS:DAYS}, e.g. {@code monthly=GLACIER_IR:1}. */
    public static TierTransition parse(String text) {
        int equals = text.indexOf('=');
        int colon = text.lastIndexOf(':');
        if (equals <= 0 || colon < equals + 2 || colon == text.length() - 1) {
            throw new IllegalArgumentException("transition '" + text + "' must be TIER=CLASS:DAYS, e.g. monthly=GLACIER_IR:1");
        }
        Tier tier = Tier.fromLabel(text.substring(0, equals));
        StorageClass storageClass = StorageClass.parse(text.substring(equals + 1, colon));
        int days;
        try {
            days = Integer.parseInt(text.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transition '" + text + "': days must be a whole number, was '"
                    + text.substring(colon + 1) + "'");
        }
        return new TierTransition(tier, storageClass, days);
    }

    @Override
    public String toString() {
        return tier.label() + "=" + storageClass + ":" + days;
    }
}
