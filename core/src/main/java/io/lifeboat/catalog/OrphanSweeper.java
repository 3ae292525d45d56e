package io.lifeboat.catalog;

import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds and deletes orphans: objects under {@code <cluster>/snapshots/} that no manifest
 * references and that are older than a minimum age. The rule, as Priam's "never delete what a
 * retained manifest references", errs on the side of keeping:
 *
 * <ul>
 *   <li>Only from a complete catalog: the manifest listing and every manifest read must
 *       succeed, or nothing is deleted (the error is the answer).</li>
 *   <li>Manifests are listed before objects, and an object younger than the minimum age is never
 *       an orphan: a backup that completed its upload but has not yet written its manifest
 *       (the manifest is written right after) stays. S3 dates a multipart object by the start
 *       of its upload, so the minimum age must exceed the longest backup (default 1h).</li>
 *   <li>An unreadable manifest may reference an object, but its reference cannot be read. Its
 *       key still names the snapshot's start time, which is also the time in the key of the
 *       object it commits: every object started in that second is kept.</li>
 *   <li>Only keys shaped like lifeboat's snapshot keys are considered; anything else under
 *       the folder is someone else's and left alone. So is an object without a last-modified time.</li>
 * </ul>
 */
public final class OrphanSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

    private final ObjectStore store;
    private final Catalog catalog;

    public OrphanSweeper(ObjectStore store, Catalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /**
     * What one sweep saw and did.
     *
     * @param unreadableManifests manifests in the listing that could not be read
     * @param orphans orphans found
     * @param deleted orphans deleted (all of {@code orphans} unless the sweep only looked)
     */
    public record Sweep(int unreadableManifests, List<Orphan> orphans, List<Orphan> deleted) {
        public Sweep {
            orphans = List.copyOf(orphans);
            deleted = List.copyOf(deleted);
        }
    }

    /**
     * The orphans next to {@code entries}, which must be the whole catalog ({@link Catalog#entries()}
     * completed without error), oldest-modified first.
     */
    public Mono<List<Orphan>> find(List<CatalogEntry> entries, Instant now, Duration minAge) {
        requirePositive(minAge);
        Set<String> referenced = new HashSet<>();
        Set<Instant> unreadableTimes = new HashSet<>();
        for (CatalogEntry entry : entries) {
            if (entry instanceof CatalogEntry.Readable readable) {
                referenced.add(readable.manifest().object().key());
            } else {
                unreadableTimes.add(entry.id().time());
            }
        }
        Instant youngest = now.minus(minAge);
        BucketLayout layout = catalog.layout();
        return store.list(layout.snapshotsPrefix())
                .filter(object -> !referenced.contains(object.key()))
                .filter(object -> object.lastModified() != null && object.lastModified().isBefore(youngest))
                .filter(object -> layout.startOfSnapshotKey(object.key())
                        .filter(start -> !unreadableTimes.contains(start))
                        .isPresent())
                .map(OrphanSweeper::orphan)
                .sort(Comparator.comparing(Orphan::lastModified))
                .collectList();
    }

    /** Reads the whole catalog, then deletes the orphans beside it, one at a time. */
    public Mono<Sweep> sweep(Instant now, Duration minAge) {
        requirePositive(minAge);
        return catalog.entries().collectList()
                .flatMap(entries -> find(entries, now, minAge)
                        .flatMap(orphans -> Flux.fromIterable(orphans).concatMap(this::delete).collectList()
                                .map(deleted -> new Sweep(unreadable(entries), orphans, deleted))));
    }

    private Mono<Orphan> delete(Orphan orphan) {
        return store.delete(orphan.key())
                .then(Mono.fromSupplier(() -> {
                    LOG.info("deleted orphan object s3://{}/{} ({} bytes, last modified {}): no manifest references it",
                            store.bucket(), orphan.key(), orphan.sizeBytes(), orphan.lastModified());
                    return orphan;
                }));
    }

    private static int unreadable(List<CatalogEntry> entries) {
        return (int) entries.stream().filter(CatalogEntry.Unreadable.class::isInstance).count();
    }

    private static Orphan orphan(StoredObject object) {
        return new Orphan(object.key(), object.sizeBytes(), object.lastModified());
    }

    private static void requirePositive(Duration minAge) {
        Objects.requireNonNull(minAge, "minAge");
        if (minAge.isNegative() || minAge.isZero()) {
            throw new IllegalArgumentException("orphan age must be a positive duration, was " + minAge);
        }
    }
}
