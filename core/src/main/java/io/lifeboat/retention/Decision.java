package io.lifeboat.retention;

import io.lifeboat.snapshot.SnapshotId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one retention pass decided. Every candidate of the listing is in exactly one of
 * {@link #kept} and {@link #prune}.
 *
 * @param kept every snapshot that stays, with the tiers it holds; an empty set means it stays
 *     for safety only (an unreadable entry, or everything when the pass was refused)
 * @param prune the snapshots to delete, newest first; empty when refused
 * @param refusal why this pass prunes nothing although the policy would have (incomplete
 *     listing, or a policy that would delete every snapshot); empty for a normal pass. When
 *     refused, {@code kept} still shows the tiers computed from what was listed, but a caller
 *     should not rewrite tags from it
 * @param takenAfterNow snapshots whose time is later than {@code now}, oldest first: a sign of
 *     clock skew worth a warning; they are kept and counted like any other
 */
public record Decision(Map<SnapshotId, Set<Tier>> kept, List<SnapshotId> prune, Optional<String> refusal,
                       List<SnapshotId> takenAfterNow) {

    public Decision {
        kept = sortedCopy(kept);
        prune = List.copyOf(prune);
        Objects.requireNonNull(refusal, "refusal");
        takenAfterNow = List.copyOf(takenAfterNow);
    }

    /** The tiers {@code id} holds; empty for a pruned or unknown id and for one kept only for safety. */
    public Set<Tier> tiersOf(SnapshotId id) {
        return kept.getOrDefault(id, Set.of());
    }

    /** The longest-period tier {@code id} holds (yearly > monthly > ... > last), if any. */
    public Optional<Tier> highest(SnapshotId id) {
        return Tier.highest(tiersOf(id));
    }

    public boolean refused() {
        return refusal.isPresent();
    }

    // Sorted by id and with tiers in rank order, so logs and test failures read in time order.
    private static Map<SnapshotId, Set<Tier>> sortedCopy(Map<SnapshotId, Set<Tier>> kept) {
        TreeMap<SnapshotId, Set<Tier>> copy = new TreeMap<>();
        kept.forEach((id, tiers) -> {
            EnumSet<Tier> ranked = EnumSet.noneOf(Tier.class);
            ranked.addAll(tiers);
            copy.put(id, Collections.unmodifiableSet(ranked));
        });
        return Collections.unmodifiableMap(copy);
    }
}
