package io.lifeboat.restore;

import io.lifeboat.bbolt.BboltFormatException;
import io.lifeboat.bbolt.BboltStreamIndexer;
import io.lifeboat.bbolt.SnapshotStats;
import io.lifeboat.compression.ZstdDecompressor;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.snapshot.SnapshotFileDigest;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import io.lifeboat.store.ObjectHead;
import io.lifeboat.store.ObjectNotFoundException;
import io.lifeboat.store.ObjectStore;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Download and verify one snapshot, as one Reactor chain, reading the object once: object
 * bytes from the bucket → SHA-256 and size of the object → zstd → etcd's trailer split off and
 * checked against the SHA-256 of the db bytes → the streaming bbolt reader (revision, key
 * count) and a sink (the staged file, or nothing) → every figure compared with the manifest
 * ({@link ManifestMatch}).
 *
 * <p>Two stages run on two threads, none on the SDK's Netty threads: hashing and decompressing
 * the object (cpu), then hashing, indexing and writing the db (io); on two cores they take
 * about as long as each other. Memory is a few buffers per stage, whatever the snapshot's size.
 * Every failure is a {@link SnapshotIntegrityException} (or {@code BboltFormatException})
 * naming what differs, except a bucket that cannot be read ({@code StoreException}). A db
 * that the bbolt reader refuses is reported as such only when every digest (object, trailer,
 * manifest) matches: bytes that differ from what etcd wrote are reported as a digest
 * mismatch, their cause.
 */
public final class SnapshotDownload {

    /** Decompressed 128 KiB buffers queued ahead of the io stage. */
    private static final int PREFETCH = 8;

    private final ObjectStore objects;
    private final Scheduler cpu;
    private final Scheduler io;

    public SnapshotDownload(ObjectStore objects, Scheduler cpu, Scheduler io) {
        this.objects = objects;
        this.cpu = cpu;
        this.io = io;
    }

    /**
     * The usual wiring: hashing and zstd on Reactor's parallel
     * scheduler (CPU work), file writes on its bounded-elastic one (blocking I/O).
     */
    public static SnapshotDownload of(ObjectStore store) {
        return new SnapshotDownload(store, Schedulers.parallel(),
                Schedulers.boundedElastic());
    }

    /**
     * Streams the snapshot through every check without keeping it: the db goes through the
     * streaming bbolt indexer for revision and key count. Nothing is written to disk.
     */
    public Mono<Verified> verify(Manifest manifest, DownloadProgress progress) {
        return Mono.defer(() -> checkedDb(manifest, progress, db -> { })
                .map(checked -> ManifestMatch.require(manifest, checked.digests(), checked.stats())));
    }

    /**
     * Writes the snapshot file ({@code etcdctl snapshot save} format: db + trailer) to
     * {@code file}, which must not exist; the file is returned only if every figure, read from
     * the same bytes as they were written, matches the manifest. On failure the file is deleted.
     */
    public Mono<Verified> toFile(Manifest manifest, Path file, DownloadProgress progress) {
        return Mono.usingWhen(Mono.fromCallable(() -> new StagedSnapshotFile(file)).subscribeOn(io),
                        staged -> checkedDb(manifest, progress, staged::write)
                                .publishOn(io)
                                .map(checked -> {
                                    staged.finish(checked.digests().dbSha256());
                                    return ManifestMatch.require(manifest, checked.digests(), checked.stats());
                                }),
                        staged -> Mono.fromRunnable(staged::close).subscribeOn(io),
                        (staged, error) -> Mono.fromRunnable(staged::discard).subscribeOn(io),
                        staged -> Mono.fromRunnable(staged::discard).subscribeOn(io))
                .onErrorMap(UncheckedIOException.class, e -> new UncheckedIOException("cannot write the snapshot to "
                        + file + ": " + e.getCause().getMessage(), e.getCause()));
    }

    /** The db bytes indexed and handed to {@code db} on the io scheduler, every digest checked at the end. */
    private Mono<Checked> checkedDb(Manifest manifest, DownloadProgress progress, DbConsumer db) {
        ObjectCheck object = new ObjectCheck(manifest.object(), progress);
        SnapshotFileDigest file = new SnapshotFileDigest();
        DbIndex index = new DbIndex();
        return new ZstdDecompressor(cpu).decompress(objectBytes(manifest), object::accept)
                .publishOn(io, PREFETCH)
                .doOnNext(chunk -> file.accept(chunk, bytes -> {
                    index.accept(bytes);
                    db.accept(bytes);
                }))
                .then(Mono.fromCallable(() -> {
                    Digests digests = new Digests(object.finish(), file.verify(), file.dbBytes());
                    // Every digest before the bbolt reader's verdict: they name damaged bytes as such.
                    ManifestMatch.requireDbDigest(manifest, digests);
                    return new Checked(digests, index.finish());
                }));
    }

    /** The object's bytes as the SDK delivers them (on its Netty threads: the decompressor moves them off). */
    private Flux<ByteBuffer> objectBytes(Manifest manifest) {
        String key = manifest.object().key();
        // One HEAD first: an archived object fails with a clear error instead of S3's 403 InvalidObjectState.
        return objects.head(key)
                .flatMap(head -> head.archive().readable() ? Mono.<ObjectHead>empty()
                        : Mono.<ObjectHead>error(archived(manifest, head)))
                .thenMany(Flux.defer(() -> objects.stream(key)))
                .onErrorMap(ObjectNotFoundException.class, missing -> new SnapshotIntegrityException(
                        "manifest " + manifest.id() + " names object " + manifest.object().key()
                                + ", which is not in the bucket: this snapshot cannot be restored"));
    }

    /** What to tell the user about an object that cannot be read before a thaw. */
    static ArchivedSnapshotException archived(Manifest manifest, ObjectHead head) {
        String state = head.archive() == ObjectHead.Archive.THAWING
                ? "a thaw was requested and is still running: retry when it is done (S3: minutes to hours for"
                        + " GLACIER, up to 12 hours for DEEP_ARCHIVE)"
                : "no thaw has been requested: rerun with --request-thaw (S3 RestoreObject), then retry when"
                        + " it is done";
        return new ArchivedSnapshotException("snapshot " + manifest.id() + " is archived: object " + head.key()
                + " is in storage class " + head.storageClass() + " and cannot be read yet; " + state, head);
    }

    @FunctionalInterface
    private interface DbConsumer {
        void accept(ByteBuffer db);
    }

    /** What the stream proved: the object's SHA-256, the db's SHA-256 (equal to etcd's trailer), its size. */
    record Digests(String objectSha256, String dbSha256, long dbBytes) {
    }

    private record Checked(Digests digests, SnapshotStats stats) {
    }

    /**
     * The streaming bbolt reader, holding back its complaint until the digests are compared:
     * damaged bytes usually also make the db unreadable, and the digest says why.
     */
    private static final class DbIndex {
        private final BboltStreamIndexer indexer = new BboltStreamIndexer();
        private BboltFormatException failure;

        void accept(ByteBuffer db) {
            if (failure == null) {
                try {
                    indexer.accept(db);
                } catch (BboltFormatException e) {
                    failure = e;
                }
            }
        }

        SnapshotStats finish() {
            if (failure != null) {
                throw failure;
            }
            return indexer.finish();
        }
    }

    /** Counts and hashes the compressed object; a size past the manifest's fails at once. */
    private static final class ObjectCheck {
        private final Manifest.StoredObject expected;
        private final DownloadProgress progress;
        private final MessageDigest sha256 = SnapshotDigest.newSha256();
        private long bytes;

        ObjectCheck(Manifest.StoredObject expected, DownloadProgress progress) {
            this.expected = expected;
            this.progress = progress;
        }

        void accept(ByteBuffer buffer) {
            bytes += buffer.remaining();
            if (bytes > expected.sizeBytes()) {
                throw new SnapshotIntegrityException("object " + expected.key() + " is longer than the "
                        + expected.sizeBytes() + " bytes its manifest records");
            }
            sha256.update(buffer.duplicate());
            progress.advanced(bytes, expected.sizeBytes());
        }

        String finish() {
            if (bytes != expected.sizeBytes()) {
                throw new SnapshotIntegrityException("object " + expected.key() + " has " + bytes
                        + " bytes, its manifest records " + expected.sizeBytes() + ": it is truncated");
            }
            String actual = SnapshotDigest.hex(sha256.digest());
            if (!actual.equalsIgnoreCase(expected.sha256())) {
                throw new SnapshotIntegrityException("SHA-256 of object " + expected.key() + " is " + actual
                        + ", its manifest records " + expected.sha256() + ": the object was changed or damaged");
            }
            return actual;
        }
    }
}
