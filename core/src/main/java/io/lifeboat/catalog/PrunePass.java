package io.lifeboat.catalog;

import io.lifeboat.retention.Decision;
import io.lifeboat.snapshot.SnapshotId;
import java.util.List;
import java.util.Map;

/**
 * What one retention pass over the bucket decided and did ({@link Pruner}).
 *
 * @param decision the policy's decision over the whole catalog: in a dry run, or when refused,
 *     {@code decision.prune()} is what would have been pruned
 * @param dryRun nothing was deleted, rewritten or tagged
 * @param toRetier kept readable snapshots whose recorded tiers differ from the decision's
 * @param pruned snapshots whose manifest was deleted: they no longer exist
 * @param orphansLeft object keys of pruned snapshots whose object could not be deleted (the orphan sweep removes them)
 * @param retiered snapshots whose tag and manifest now carry the decision's tiers
 * @param failures store calls that failed and were passed over: object deletes (an orphan is
 *     left) and tier updates (tried again next pass)
 * @param byHighestTier the readable snapshots left in the bucket, by the highest tier their
 *     manifest records after the pass ({@link #UNTIERED} when none), each counted once
 */
public record PrunePass(Decision decision, boolean dryRun, List<SnapshotId> toRetier, List<SnapshotId> pruned,
                        List<String> orphansLeft, List<SnapshotId> retiered, int failures,
                        Map<String, Holding> byHighestTier) {

    /** The {@link #byHighestTier} group of snapshots whose manifest records no tier (no pass has tiered them yet). */
    public static final String UNTIERED = "none";

    public PrunePass {
        toRetier = List.copyOf(toRetier);
        pruned = List.copyOf(pruned);
        orphansLeft = List.copyOf(orphansLeft);
        retiered = List.copyOf(retiered);
        byHighestTier = Map.copyOf(byHighestTier);
    }

    /**
     * One group of {@link #byHighestTier}.
     *
     * @param compressedBytes the objects' sizes as their manifests give them
     */
    public record Holding(long snapshots, long compressedBytes) {

        Holding plus(long bytes) {
            return new Holding(snapshots + 1, compressedBytes + bytes);
        }
    }
}
