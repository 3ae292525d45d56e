package io.lifeboat.lifecycle;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.lifecycle.LifecycleConfiguration.AbortIncompleteMultipartUpload;
import io.lifeboat.lifecycle.LifecycleConfiguration.Filter;
import io.lifeboat.lifecycle.LifecycleConfiguration.Rule;
import io.lifeboat.lifecycle.LifecycleConfiguration.Tag;
import io.lifeboat.lifecycle.LifecycleConfiguration.Transition;
import io.lifeboat.retention.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lifecycle rules lifeboat owns for one cluster: one rule per tier that moves, filtered by
 * the cluster's snapshots folder and the tier tag, and one that aborts incomplete multipart
 * uploads there after a day (what a crashed backup leaves; the service's start-up sweep is the
 * other half).
 *
 * <p>Rule ids are {@code lifeboat-<cluster>-tier-<tier>} and {@code lifeboat-<cluster>-abort-incomplete-uploads}.
 * A rule is ours only if its id is exactly one of these shapes, not merely if it starts with
 * {@code lifeboat-<cluster>-}: cluster {@code prod}'s prefix is also the start of cluster
 * {@code prod-eu}'s ids, and applying {@code prod}'s rules must not remove {@code prod-eu}'s.
 */
public final class LifecycleRules {

    /** The object tag the service sets to a snapshot's highest tier. */
    public static final String TIER_TAG = "lifeboat-tier";

    /** A day: long enough for the longest backup, short enough that a crash costs little. */
    static final int ABORT_INCOMPLETE_AFTER_DAYS = 1;

    private static final String ABORT_RULE = "abort-incomplete-uploads";
    private static final Pattern OUR_SUFFIX = Pattern.compile("tier-(" + Arrays.stream(Tier.values())
            .map(Tier::label).collect(Collectors.joining("|")) + ")|" + ABORT_RULE);

    /** Infrequent-access classes: S3 refuses a transition to them sooner than 30 days after creation. */
    private static final Set<StorageClass> THIRTY_DAYS_FIRST = Set.of(StorageClass.STANDARD_IA, StorageClass.ONEZONE_IA);

    private LifecycleRules() {
    }

    public static String idPrefix(BucketLayout layout) {
        return "lifeboat-" + layout.cluster() + "-";
    }

    /** Whether a rule with this id is one lifeboat writes for this cluster (see the class comment). */
    public static boolean isOurs(String ruleId, BucketLayout layout) {
        String prefix = idPrefix(layout);
        return ruleId != null && ruleId.startsWith(prefix) && OUR_SUFFIX.matcher(ruleId.substring(prefix.length())).matches();
    }

    /**
     * The rules for {@code layout}'s cluster: a rule per tier with transitions (tiers in rank
     * order, each tier's transitions by days), then the abort rule.
     *
     * @throws IllegalArgumentException for two transitions of one tier on the same day or to the same
     *     class, or an infrequent-access transition sooner than S3 allows
     */
    public static LifecycleConfiguration forCluster(BucketLayout layout, List<TierTransition> transitions) {
        Map<Tier, List<TierTransition>> byTier = new EnumMap<>(Tier.class);
        for (TierTransition t : transitions) {
            if (THIRTY_DAYS_FIRST.contains(t.storageClass()) && t.days() < 30) {
                throw new IllegalArgumentException("transition " + t + ": S3 moves objects to " + t.storageClass()
                        + " no sooner than 30 days after creation");
            }
            byTier.computeIfAbsent(t.tier(), tier -> new ArrayList<>()).add(t);
        }
        String snapshots = layout.snapshotsPrefix();
        List<Rule> rules = new ArrayList<>();
        byTier.forEach((tier, list) -> {
            requireDistinct(tier, list);
            List<Transition> steps = list.stream().sorted(Comparator.comparingInt(TierTransition::days))
                    .map(t -> new Transition(t.days(), t.storageClass().name())).toList();
            rules.add(new Rule(idPrefix(layout) + "tier-" + tier.label(), Rule.ENABLED,
                    Filter.prefixAndTag(snapshots, new Tag(TIER_TAG, tier.label())), steps, null));
        });
        rules.add(new Rule(idPrefix(layout) + ABORT_RULE, Rule.ENABLED, Filter.prefix(snapshots), List.of(),
                new AbortIncompleteMultipartUpload(ABORT_INCOMPLETE_AFTER_DAYS)));
        return new LifecycleConfiguration(rules);
    }

    private static void requireDistinct(Tier tier, List<TierTransition> list) {
        Set<Integer> days = new HashSet<>();
        Set<StorageClass> classes = new HashSet<>();
        for (TierTransition t : list) {
            if (!days.add(t.days()) || !classes.add(t.storageClass())) {
                throw new IllegalArgumentException("tier " + tier + " has two transitions on the same day or to the"
                        + " same storage class: " + list.stream().map(TierTransition::toString)
                        .collect(Collectors.joining(", ")));
            }
        }
    }
}
