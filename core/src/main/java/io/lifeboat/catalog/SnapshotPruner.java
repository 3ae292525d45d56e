package io.lifeboat.catalog;

import io.lifeboat.retention.Decision;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.ObjectStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes what a retention decision prunes, with DESIGN.md's order and Priam's rule:
 *
 * <ul>
 *   <li>Nothing from a refused decision ({@link PruneRefusedException}).</li>
 *   <li>Only snapshots the decision prunes, which are readable by construction (an unreadable
 *       manifest is never pruned), one at a time, newest first.</li>
 *   <li>Manifest first: the snapshot stops existing at once, and a failure after it leaves only
 *       an orphan object, which the service's sweep removes. Then the object. A failed object
 *       delete is logged and the pass goes on ({@link Pruned#orphanLeft}); a failed manifest
 *       delete fails the pass there (the snapshot stays, and so do older ones, until the next pass).</li>
 *   <li>Never an object that a kept manifest references, nor one whose start time is that of an
 *       unreadable manifest (whose reference cannot be read: the orphan sweep's rule).</li>
 * </ul>
 */
public final class SnapshotPruner {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPruner.class);

    private final ObjectStore store;
    private final BucketLayout layout;

    public SnapshotPruner(ObjectStore store, BucketLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /**
     * One pruned snapshot.
     *
     * @param objectKey the object the manifest referenced
     * @param objectKeptBecause why the object was not deleted; empty when it was
     * @param orphanLeft the object's delete failed: it is an orphan now, which the orphan sweep removes
     */
    public record Pruned(SnapshotId id, String manifestKey, String objectKey, Optional<String> objectKeptBecause,
                         boolean orphanLeft) {
    }

    /**
     * @param entries the whole catalog the decision was made from
     * @param decision {@link CatalogRetention#decide} over {@code entries}
     */
    public Mono<List<Pruned>> prune(List<CatalogEntry> entries, Decision decision) {
        if (decision.refused()) {
            return Mono.error(new PruneRefusedException(decision.refusal().orElseThrow()));
        }
        Map<SnapshotId, CatalogEntry.Readable> readable = new HashMap<>();
        Map<String, SnapshotId> keptObjects = new HashMap<>();
        Set<Instant> unreadableTimes = new HashSet<>();
        for (CatalogEntry entry : entries) {
            if (entry instanceof CatalogEntry.Readable r) {
                readable.put(r.id(), r);
                if (decision.kept().containsKey(r.id())) {
                    keptObjects.put(r.manifest().object().key(), r.id());
                }
            } else {
                unreadableTimes.add(entry.id().time());
            }
        }
        return Flux.fromIterable(decision.prune())
                .map(id -> Optional.ofNullable(readable.get(id)).orElseThrow(() -> new IllegalArgumentException(
                        "the decision prunes " + id + ", which is not a readable entry of the catalog given")))
                // Every id checked before the first delete: a wrong argument deletes nothing.
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(entry -> prune(entry, keptObjects, unreadableTimes))
                .collectList();
    }

    private Mono<Pruned> prune(CatalogEntry.Readable entry, Map<String, SnapshotId> keptObjects,
                               Set<Instant> unreadableTimes) {
        String objectKey = entry.manifest().object().key();
        Optional<String> keep = Optional.ofNullable(keptObjects.get(objectKey))
                .map(kept -> "kept snapshot " + kept + " references it")
                .or(() -> layout.startOfSnapshotKey(objectKey).filter(unreadableTimes::contains)
                        .map(time -> "an unreadable manifest has its start time " + time + " and may reference it"));
        Mono<Pruned> object = keep.isPresent() ? Mono.just(new Pruned(entry.id(), entry.key(), objectKey, keep, false))
                : store.delete(objectKey).thenReturn(new Pruned(entry.id(), entry.key(), objectKey, keep, false))
                        .onErrorResume(e -> {
                            LOG.warn("pruned snapshot {}: deleted manifest s3://{}/{}, but not its object {} ({}); it is"
                                    + " an orphan now, and the orphan sweep removes it", entry.id(), store.bucket(),
                                    entry.key(), objectKey, e.getMessage());
                            return Mono.just(new Pruned(entry.id(), entry.key(), objectKey,
                                    Optional.of("its delete failed"), true));
                        });
        return store.delete(entry.key())
                .then(Mono.defer(() -> object))
                .doOnNext(pruned -> {
                    if (!pruned.orphanLeft()) {
                        LOG.info("pruned snapshot {}: deleted manifest s3://{}/{}, {}", entry.id(), store.bucket(),
                                entry.key(), keep.map(why -> "kept object " + objectKey + " (" + why + ")")
                                        .orElse("deleted object " + objectKey));
                    }
                });
    }
}
