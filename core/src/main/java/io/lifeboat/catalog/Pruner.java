package io.lifeboat.catalog;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.retention.Tier;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.S3Store;
import java.time.Instant;
import java.util.ArrayList;
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
 *   <li><b>Manifest first:</b> a pruned snapshot's manifest is deleted before its object. The
 *       manifest is the commit point, so the snapshot stops existing at once; a failed object
 *       delete leaves an orphan, which the orphan sweep removes later. The other order could
 *       leave a manifest whose object is gone: a snapshot that exists but cannot be restored.</li>
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

    private final S3Store store;
    private final Catalog catalog;
    private final TierTags tags;

    public Pruner(S3Store store, Catalog catalog, TierTags tags) {
        this.store = store;
        this.catalog = catalog;
        this.tags = tags;
    }

    /** Runs one pass at {@code now}; errors only when the catalog cannot be listed and read whole. */
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
            return Mono.just(pass(decision, false, List.of(), List.of(), List.of(), List.of(), 0, readable));
        }
        List<SnapshotId> toRetier = decision.kept().keySet().stream()
                .filter(id -> readable.containsKey(id) && !labels(decision.tiersOf(id)).equals(readable.get(id).tiers()))
                .toList();
        if (dryRun) {
            decision.prune().forEach(id -> LOG.info("dry run: would prune snapshot {} ({} bytes): outside every tier",
                    id, readable.get(id).object().sizeBytes()));
            toRetier.forEach(id -> LOG.info("dry run: would record tiers {} for snapshot {}",
                    labels(decision.tiersOf(id)), id));
            return Mono.just(pass(decision, true, toRetier, List.of(), List.of(), List.of(), 0, readable));
        }
        List<SnapshotId> pruned = new ArrayList<>();
        List<String> orphansLeft = new ArrayList<>();
        List<SnapshotId> retiered = new ArrayList<>();
        int[] failures = {0};
        return Flux.fromIterable(decision.prune())
                .concatMap(id -> delete(readable.get(id), pruned, orphansLeft, failures))
                .thenMany(Flux.fromIterable(toRetier))
                .concatMap(id -> retier(readable.get(id), decision.tiersOf(id), retiered, failures))
                .then(Mono.fromSupplier(() -> {
                    pruned.forEach(readable::remove);
                    retiered.forEach(id -> readable.put(id, readable.get(id).withTiers(labels(decision.tiersOf(id)))));
                    return pass(decision, false, toRetier, pruned, orphansLeft, retiered, failures[0], readable);
                }));
    }

    // The lists are filled one call at a time (concatMap), so plain lists are safe here.
    private Mono<Void> delete(Manifest manifest, List<SnapshotId> pruned, List<String> orphansLeft, int[] failures) {
        SnapshotId id = SnapshotId.parse(manifest.id());
        String objectKey = manifest.object().key();
        return catalog.remove(id)
                .then(Mono.fromRunnable(() -> pruned.add(id)))
                .then(Mono.defer(() -> store.delete(objectKey))
                        .doOnSuccess(done -> LOG.info("pruned snapshot {} ({} bytes): outside every retention tier",
                                id, manifest.object().sizeBytes()))
                        .onErrorResume(e -> {
                            failures[0]++;
                            orphansLeft.add(objectKey);
                            LOG.warn("pruned snapshot {}, but its object s3://{}/{} could not be deleted ({}); it is an"
                                    + " orphan now, and the orphan sweep removes it", id, store.bucket(), objectKey,
                                    e.getMessage());
                            return Mono.empty();
                        }))
                .onErrorResume(e -> {
                    failures[0]++;
                    LOG.warn("cannot prune snapshot {}, it stays until the next pass: {}", id, e.getMessage());
                    return Mono.empty();
                });
    }

    private Mono<Void> retier(Manifest manifest, Set<Tier> tiers, List<SnapshotId> retiered, int[] failures) {
        SnapshotId id = SnapshotId.parse(manifest.id());
        return Mono.justOrEmpty(Tier.highest(tiers))
                .flatMap(highest -> tags.tag(manifest.object().key(), highest))
                .then(Mono.defer(() -> catalog.rewrite(manifest.withTiers(labels(tiers)))))
                .then(Mono.fromRunnable(() -> {
                    retiered.add(id);
                    LOG.debug("snapshot {} now holds tiers {}", id, labels(tiers));
                }))
                .onErrorResume(e -> {
                    failures[0]++;
                    LOG.warn("cannot record tiers {} for snapshot {}, tried again next pass: {}", labels(tiers), id,
                            e.getMessage());
                    return Mono.empty();
                })
                .then();
    }

    private static PrunePass pass(Decision decision, boolean dryRun, List<SnapshotId> toRetier,
                                  List<SnapshotId> pruned, List<String> orphansLeft, List<SnapshotId> retiered,
                                  int failures, Map<SnapshotId, Manifest> left) {
        Map<String, PrunePass.Holding> groups = new HashMap<>();
        for (Manifest manifest : left.values()) {
            String group = highestRecorded(manifest.tiers()).map(Tier::label).orElse(PrunePass.UNTIERED);
            groups.merge(group, new PrunePass.Holding(1, manifest.object().sizeBytes()),
                    (a, b) -> a.plus(b.compressedBytes()));
        }
        return new PrunePass(decision, dryRun, toRetier, pruned, orphansLeft, retiered, failures, groups);
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
