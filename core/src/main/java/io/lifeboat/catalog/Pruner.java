package io.lifeboat.catalog;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.retention.Tier;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.ObjectStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One retention pass over the bucket: list the whole catalog, decide with the policy
 * ({@link CatalogRetention}), delete what it prunes, record and tag the tiers of what it keeps.
 *
 * <ul>
 *   <li><b>Only from a complete catalog:</b> a failed listing or manifest read fails the pass
 *       before anything is touched (the error is the answer).</li>
 *   <li><b>Refused decisions</b> (a policy that would prune everything) change nothing and are
 *       logged as a warning.</li>
 *   <li><b>Deletes</b> are {@link SnapshotPruner}'s: manifest first (the commit point, so the
 *       snapshot stops existing at once; the other order could leave a manifest whose object is
 *       gone), never an object a kept or unreadable manifest may reference. A failed object
 *       delete leaves an orphan the orphan sweep removes; a failed manifest delete fails the pass
 *       there, and the next pass goes on from what is left.</li>
 *   <li><b>Tiers:</b> each kept readable snapshot whose recorded tiers differ gets its object
 *       tagged with its highest tier ({@link TierTags}), then its manifest rewritten with the
 *       tiers ({@link Catalog#rewrite}). Tag first: a manifest that records the tiers means the
 *       work is done, so a failed tag is tried again next pass.</li>
 *   <li><b>Dry run:</b> logs what it would do and touches nothing.</li>
 * </ul>
 *
 * <p>The caller holds the cluster's backup lock: only the one writer deletes and rewrites.
 * One store call at a time: a pass after a backup prunes a snapshot or two, and a large first
 * pass should not crowd the bucket.
 */
public final class Pruner {

    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final Catalog catalog;
    private final SnapshotPruner deletions;
    private final TierTags tags;

    public Pruner(ObjectStore store, Catalog catalog, TierTags tags) {
        this.catalog = catalog;
        this.deletions = new SnapshotPruner(store, catalog.layout());
        this.tags = tags;
    }

    /**
     * Runs one pass at {@code now}. Errors (StoreException) when the catalog cannot be listed and read
     * whole, before anything is touched, or when a manifest delete fails (what was pruned before stays pruned).
     */
    public Mono<PrunePass> prune(Instant now, RetentionPolicy policy, boolean dryRun) {
        return catalog.entries().collectList()
                .flatMap(entries -> act(entries, CatalogRetention.decide(entries, now, policy), dryRun));
    }

    private Mono<PrunePass> act(List<CatalogEntry> entries, Decision decision, boolean dryRun) {
        Map<SnapshotId, Manifest> readable = new HashMap<>();
        entries.stream().filter(CatalogEntry.Readable.class::isInstance).map(CatalogEntry.Readable.class::cast)
                .forEach(entry -> readable.put(entry.id(), entry.manifest()));
        if (!decision.takenAfterNow().isEmpty()) {
            LOG.warn("{} snapshot(s) are dated after now (clock skew?), kept as usual: {}",
                    decision.takenAfterNow().size(), decision.takenAfterNow());
        }
        if (decision.refused()) {
            LOG.warn("retention pass refused: {}", decision.refusal().orElseThrow());
            return Mono.just(pass(decision, false, List.of(), List.of(), List.of(), readable));
        }
        List<SnapshotId> toRetier = decision.kept().keySet().stream()
                .filter(id -> readable.containsKey(id) && !labels(decision.tiersOf(id)).equals(readable.get(id).tiers()))
                .toList();
        if (dryRun) {
            decision.prune().forEach(id -> LOG.info("dry run: would prune snapshot {} ({} bytes): outside every tier",
                    id, readable.get(id).object().sizeBytes()));
            toRetier.forEach(id -> LOG.info("dry run: would record tiers {} for snapshot {}",
                    labels(decision.tiersOf(id)), id));
            return Mono.just(pass(decision, true, toRetier, List.of(), List.of(), readable));
        }
        return deletions.prune(entries, decision)
                .flatMap(pruned -> Flux.fromIterable(toRetier)
                        .concatMap(id -> retier(readable.get(id), decision.tiersOf(id)).filter(done -> done).map(done -> id))
                        .collectList()
                        .map(retiered -> {
                            pruned.forEach(p -> readable.remove(p.id()));
                            retiered.forEach(id -> readable.put(id, readable.get(id).withTiers(labels(decision.tiersOf(id)))));
                            return pass(decision, false, toRetier, pruned, retiered, readable);
                        }));
    }

    /** Tag, then manifest; true when both are done (or tagging is unsupported), false when a call failed. */
    private Mono<Boolean> retier(Manifest manifest, Set<Tier> tiers) {
        return Mono.justOrEmpty(Tier.highest(tiers))
                .flatMap(highest -> tags.tag(manifest.object().key(), highest))
                .then(Mono.defer(() -> catalog.rewrite(manifest.withTiers(labels(tiers)))))
                .thenReturn(true)
                .onErrorResume(e -> {
                    LOG.warn("cannot record tiers {} for snapshot {}, tried again next pass: {}", labels(tiers),
                            manifest.id(), e.getMessage());
                    return Mono.just(false);
                });
    }

    private static PrunePass pass(Decision decision, boolean dryRun, List<SnapshotId> toRetier,
                                  List<SnapshotPruner.Pruned> pruned, List<SnapshotId> retiered,
                                  Map<SnapshotId, Manifest> left) {
        Map<String, PrunePass.Holding> groups = new HashMap<>();
        for (Manifest manifest : left.values()) {
            String group = highestRecorded(manifest.tiers()).map(Tier::label).orElse(PrunePass.UNTIERED);
            groups.merge(group, new PrunePass.Holding(1, manifest.object().sizeBytes()),
                    (a, b) -> a.plus(b.compressedBytes()));
        }
        List<String> orphansLeft = pruned.stream().filter(SnapshotPruner.Pruned::orphanLeft)
                .map(SnapshotPruner.Pruned::objectKey).toList();
        int failures = orphansLeft.size() + toRetier.size() - retiered.size();
        return new PrunePass(decision, dryRun, toRetier, pruned.stream().map(SnapshotPruner.Pruned::id).toList(),
                orphansLeft, retiered, failures, groups);
    }

    /** The highest tier among recorded labels; labels this version does not know are passed over. */
    private static Optional<Tier> highestRecorded(List<String> labels) {
        return Tier.highest(Arrays.stream(Tier.values()).filter(tier -> labels.contains(tier.label())).toList());
    }

    /** Labels in rank order (last ... yearly): the order decisions give and manifests record. */
    private static List<String> labels(Set<Tier> tiers) {
        return tiers.stream().sorted().map(Tier::label).toList();
    }
}
