package io.lifeboat.catalog;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.ManifestFormatException;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.StoredObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The snapshots of one cluster, read from the manifests in the bucket. It needs nothing but
 * the bucket, so the CLI can use it when the cluster is gone. Only snapshots with a manifest
 * exist here: an object without one is an unfinished or failed upload (or an orphan).
 *
 * <p>The catalog is the listing of manifest keys: each key names its snapshot id (time and
 * revision), so lookups choose candidates from keys alone and read manifests only as needed,
 * newest first. A manifest that cannot be read is an {@link CatalogEntry.Unreadable} entry:
 * skipped (with a warning) when looking for the newest snapshot, listed with its reason,
 * and an error only when that very snapshot is asked for. A failed listing or read of the
 * bucket fails as a whole ({@link io.lifeboat.store.StoreException}), never as a partial answer.
 *
 * <p>Readable manifests are kept in memory with the ETag they were read at, and
 * {@link #entries()} reads only the manifests whose key is new or whose ETag changed since (a
 * tier update by another instance rewrites one): a long-lived service with thousands of
 * snapshots pays one listing, not thousands of GETs, per retention pass or API call. Keys
 * gone from a listing leave the cache. A store that sends no ETag gets no caching.
 */
public final class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    /** Manifests are small: read several at once. */
    private static final int PARALLEL_READS = 8;

    private final ObjectStore store;
    private final BucketLayout layout;

    /** Readable manifests by key, with the ETag they were read at. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String etag, Manifest manifest) {
    }

    /** A manifest key of a listing, with the id it names. */
    private record Listed(SnapshotId id, String key, String etag) {
    }

    public Catalog(ObjectStore store, BucketLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    public BucketLayout layout() {
        return layout;
    }

    /** The snapshot ids that manifest keys name, oldest first: one listing (all pages), no manifest read. */
    public Mono<List<SnapshotId>> ids() {
        return listing().map(listed -> listed.stream().map(Listed::id).toList());
    }

    private Mono<List<Listed>> listing() {
        return store.list(layout.manifestsPrefix())
                .flatMapIterable(this::listed)
                .sort(Comparator.comparing(Listed::id))
                .collectList();
    }

    private List<Listed> listed(StoredObject object) {
        return layout.idOfManifestKey(object.key()).map(id -> new Listed(id, object.key(), object.etag()))
                .stream().toList();
    }

    /**
     * Every manifest key as an entry, oldest first, each manifest read. Fails as a whole if the
     * bucket does: nothing is emitted before every read succeeded, so no caller acts on a partial catalog.
     */
    public Flux<CatalogEntry> entries() {
        return listing().flatMapMany(listed -> Flux.fromIterable(listed)
                        .flatMapSequential(this::entry, PARALLEL_READS)
                        .collectList()
                        .doOnNext(entries -> keepOnly(listed)))
                .flatMapIterable(entries -> entries);
    }

    /** From the cache when the listing shows the ETag it was read at; read (and cached) otherwise. */
    private Mono<CatalogEntry> entry(Listed listed) {
        Cached cached = cache.get(listed.key());
        if (cached != null && listed.etag() != null && listed.etag().equals(cached.etag())) {
            return Mono.just(new CatalogEntry.Readable(listed.id(), listed.key(), cached.manifest()));
        }
        return entry(listed.id()).doOnNext(entry -> {
            if (entry instanceof CatalogEntry.Readable readable && listed.etag() != null) {
                cache.put(listed.key(), new Cached(listed.etag(), readable.manifest()));
            }
        });
    }

    private void keepOnly(List<Listed> listed) {
        cache.keySet().retainAll(listed.stream().map(Listed::key).collect(Collectors.toSet()));
    }

    /** Manifests held in memory: readable ones from the last {@link #entries()}. */
    public int cachedManifests() {
        return cache.size();
    }

    /** The readable manifests, oldest first; unreadable ones are left out with a warning in the log. */
    public Flux<Manifest> list() {
        return entries()
                .doOnNext(entry -> {
                    if (entry instanceof CatalogEntry.Unreadable bad) {
                        warnSkipped(bad);
                    }
                })
                .ofType(CatalogEntry.Readable.class)
                .map(CatalogEntry.Readable::manifest);
    }

    /**
     * The newest readable snapshot among the ids {@code candidates} accepts: the one query behind
     * {@code latest}, {@code --at} and {@code --revision}. Manifests are read one at a time from
     * the newest candidate down and reading stops at the first readable one, so a large catalog
     * costs one listing and usually one GET. Each unreadable manifest passed over is logged as a
     * warning and given to {@code skipped} (the CLI prints it).
     *
     * @return the manifest, or empty if no candidate is readable
     */
    public Mono<Manifest> newestReadable(Predicate<SnapshotId> candidates, Consumer<CatalogEntry.Unreadable> skipped) {
        return ids()
                .flatMapMany(ids -> Flux.fromIterable(newestFirst(ids)))
                .filter(candidates)
                // concatMap, not flatMap: no manifest older than the answer is read.
                .concatMap(this::entry)
                .doOnNext(entry -> {
                    if (entry instanceof CatalogEntry.Unreadable bad) {
                        warnSkipped(bad);
                        skipped.accept(bad);
                    }
                })
                .ofType(CatalogEntry.Readable.class)
                .next()
                .map(CatalogEntry.Readable::manifest);
    }

    /** The newest readable snapshot: the one a restore of "latest" takes; empty if there is none. */
    public Mono<Manifest> newest() {
        return newestReadable(id -> true, bad -> { });
    }

    /**
     * The manifest of exactly this snapshot; empty if there is none.
     *
     * @throws ManifestFormatException (as the error signal) if its manifest cannot be read
     */
    public Mono<Manifest> find(SnapshotId id) {
        return read(layout.manifestKey(id), id);
    }

    /** The entry of one snapshot id; empty if its manifest is not (or no longer) in the bucket. */
    public Mono<CatalogEntry> entry(SnapshotId id) {
        String key = layout.manifestKey(id);
        return read(key, id)
                .<CatalogEntry>map(manifest -> new CatalogEntry.Readable(id, key, manifest))
                .onErrorResume(ManifestFormatException.class,
                        bad -> Mono.just(new CatalogEntry.Unreadable(id, key, bad.reason())));
    }

    /**
     * Commits a snapshot: call only after its object was uploaded and checked. Never overwrites
     * another snapshot's manifest: the write is conditional, and if the id is taken (two writers
     * started the same second at the same revision, which the backup lock normally prevents) the
     * id's time moves on by a second until it is free. The manifest keeps the exact start time.
     *
     * @return the manifest as committed (its id may differ from the one given)
     */
    public Mono<Manifest> put(Manifest manifest) {
        return put(manifest, 0);
    }

    private Mono<Manifest> put(Manifest manifest, int attempt) {
        if (attempt >= MAX_ID_ATTEMPTS) {
            return Mono.error(new io.lifeboat.store.StoreException("cannot find a free manifest id near "
                    + manifest.id() + " under " + layout.manifestsPrefix() + " after " + attempt + " attempts", null));
        }
        SnapshotId id = SnapshotId.parse(manifest.id());
        return store.putBytesIfAbsent(layout.manifestKey(id), ManifestCodec.write(manifest), "application/json")
                .flatMap(written -> written ? Mono.just(manifest)
                        : put(manifest.withId(new SnapshotId(id.time().plusSeconds(1), id.revision()).toString()),
                                attempt + 1));
    }

    private static final int MAX_ID_ATTEMPTS = 10;

    /**
     * Overwrites the manifest of a snapshot that is in the catalog, for retention's tier update
     * only: a plain PUT of the same key, unlike {@link #put}. Safe because nothing but the tiers
     * differs: same id, same object, same checksums, so a reader that gets the old document or
     * the new one (S3 replaces an object whole, never a mix) resolves and restores the same bytes.
     * The caller must hold the cluster's backup lock, so that no other writer deletes or rewrites
     * this manifest meanwhile: an overwrite after a delete would bring a pruned snapshot back
     * without its object.
     */
    public Mono<Void> rewrite(Manifest manifest) {
        String key = layout.manifestKey(SnapshotId.parse(manifest.id()));
        return store.putBytes(key, ManifestCodec.write(manifest), "application/json")
                // Its ETag changed: the next listing would miss the cache anyway; drop it now.
                .doFinally(signal -> cache.remove(key));
    }

    private Mono<Manifest> read(String key, SnapshotId id) {
        String source = "s3://" + store.bucket() + "/" + key;
        return store.getBytes(key).map(bytes -> {
            Manifest manifest = ManifestCodec.read(bytes, source);
            // A copied or hand-edited manifest under another snapshot's key would restore the wrong snapshot.
            if (!manifest.id().equals(id.toString())) {
                throw new ManifestFormatException(source, "names snapshot " + manifest.id() + ", but its key names "
                        + id, null);
            }
            return manifest;
        });
    }

    private static List<SnapshotId> newestFirst(List<SnapshotId> oldestFirst) {
        List<SnapshotId> ids = new ArrayList<>(oldestFirst);
        Collections.reverse(ids);
        return ids;
    }

    private void warnSkipped(CatalogEntry.Unreadable bad) {
        LOG.warn("skipping unreadable manifest s3://{}/{}: {}", store.bucket(), bad.key(), bad.reason());
    }
}
