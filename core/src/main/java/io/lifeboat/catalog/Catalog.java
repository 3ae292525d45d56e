package io.lifeboat.catalog;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.S3Store;
import java.util.Comparator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The snapshots of one cluster, read from the manifests in the bucket. It needs nothing but
 * the bucket, so the CLI can use it when the cluster is gone. Only snapshots with a manifest
 * exist here: an object without one is an unfinished or failed upload.
 */
public final class Catalog {

    private final S3Store store;
    private final BucketLayout layout;

    public Catalog(S3Store store, BucketLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    public BucketLayout layout() {
        return layout;
    }

    /** All manifests, oldest first. Fails (never returns a partial list) if any read fails. */
    public Flux<Manifest> list() {
        return store.list(layout.manifestsPrefix())
                .filter(object -> layout.idOfManifestKey(object.key()).isPresent())
                // Manifests are small: read several at once, keep listing order for a stable sort.
                .flatMapSequential(object -> read(object.key()), 8)
                .sort(Comparator.comparing(manifest -> SnapshotId.parse(manifest.id())));
    }

    public Mono<Manifest> find(SnapshotId id) {
        return read(layout.manifestKey(id));
    }

    /** The newest snapshot: the one a restore of "latest" takes. */
    public Mono<Manifest> newest() {
        return list().last().onErrorResume(java.util.NoSuchElementException.class, none -> Mono.empty());
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

    private Mono<Manifest> read(String key) {
        return store.getBytes(key).map(bytes -> ManifestCodec.read(bytes, "s3://" + store.bucket() + "/" + key));
    }
}
