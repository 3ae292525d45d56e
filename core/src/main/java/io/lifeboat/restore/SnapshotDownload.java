package io.lifeboat.restore;

import io.lifeboat.bbolt.BboltFile;
import io.lifeboat.bbolt.BboltStreamIndexer;
import io.lifeboat.bbolt.SnapshotStatus;
import io.lifeboat.compression.ZstdDecompressor;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.snapshot.SnapshotFileDigest;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import io.lifeboat.store.ObjectHead;
import io.lifeboat.store.ObjectNotFoundException;
import io.lifeboat.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Download and verify one snapshot, as one Reactor chain: object bytes from the bucket →
 * SHA-256 and size of the object → zstd → etcd's trailer split off and checked against the
 * SHA-256 of the db bytes → a sink (a file, or the streaming bbolt indexer) → every figure
 * compared with the manifest ({@link ManifestMatch}).
 *
 * <p>Three stages run on three threads: hashing the object (cpu), decompressing (cpu), and
 * hashing plus writing the db (io); none on the SDK's Netty threads. Memory is a few buffers
 * per stage, whatever the snapshot's size. Every failure is a
 * {@link SnapshotIntegrityException} (or {@code BboltFormatException}) naming what differs,
 * except a bucket that cannot be read ({@code StoreException}).
 */
public final class SnapshotDownload {

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
        return Mono.defer(() -> {
            BboltStreamIndexer indexer = new BboltStreamIndexer();
            return checkedDb(manifest, progress, indexer::accept)
                    .map(digests -> ManifestMatch.require(manifest, digests, indexer.finish(), null));
        });
    }

    /**
     * Writes the snapshot file ({@code etcdctl snapshot save} format: db + trailer) to
     * {@code file}, which must not exist, then opens it with the bbolt reader: the file is
     * returned only if every figure matches the manifest. On failure the file is deleted.
     */
    public Mono<Verified> toFile(Manifest manifest, Path file, DownloadProgress progress) {
        return Mono.usingWhen(Mono.fromCallable(() -> new FileSink(file)).subscribeOn(io),
                        sink -> checkedDb(manifest, progress, sink::write)
                                .publishOn(io)
                                .map(digests -> {
                                    SnapshotStatus status = sink.finish(digests.dbSha256());
                                    return ManifestMatch.require(manifest, digests, status.stats(), status);
                                }),
                        sink -> Mono.fromRunnable(sink::close).subscribeOn(io),
                        (sink, error) -> Mono.fromRunnable(sink::discard).subscribeOn(io),
                        sink -> Mono.fromRunnable(sink::discard).subscribeOn(io))
                .onErrorMap(UncheckedIOException.class, e -> new UncheckedIOException("cannot write the snapshot to "
                        + file + ": " + e.getCause().getMessage(), e.getCause()));
    }

    /** The db bytes handed to {@code db} on the io scheduler, every digest checked at the end. */
    private Mono<Digests> checkedDb(Manifest manifest, DownloadProgress progress, DbConsumer db) {
        ObjectCheck object = new ObjectCheck(manifest.object(), progress);
        SnapshotFileDigest file = new SnapshotFileDigest();
        return new ZstdDecompressor(cpu).decompress(hashed(manifest, object))
                .publishOn(io, PREFETCH)
                .doOnNext(chunk -> file.accept(chunk, db::accept))
                .then(Mono.fromCallable(() -> new Digests(object.finish(), file.verify(), file.dbBytes())));
    }

    /** The object's bytes, counted and hashed on the cpu scheduler as they arrive. */
    private Flux<ByteBuffer> hashed(Manifest manifest, ObjectCheck object) {
        String key = manifest.object().key();
        // One HEAD first: an archived object fails with a clear error instead of S3's 403 InvalidObjectState.
        return objects.head(key)
                .flatMap(head -> head.archive().readable() ? Mono.<ObjectHead>empty()
                        : Mono.<ObjectHead>error(archived(manifest, head)))
                .thenMany(Flux.defer(() -> objects.stream(key)))
                .onErrorMap(ObjectNotFoundException.class, missing -> new SnapshotIntegrityException(
                        "manifest " + manifest.id() + " names object " + manifest.object().key()
                                + ", which is not in the bucket: this snapshot cannot be restored"))
                .publishOn(cpu, PREFETCH)
                .doOnNext(object::accept);
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

    /** The snapshot file being written; deleted unless the download verified completely. */
    private static final class FileSink {
        private final Path file;
        private final FileChannel channel;
        private boolean kept;

        FileSink(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        void write(ByteBuffer db) {
            try {
                ByteBuffer view = db.duplicate();
                while (view.hasRemaining()) {
                    channel.write(view);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Appends the trailer, closes the file and reads it back with the bbolt reader. */
        SnapshotStatus finish(String trailerHex) {
            try {
                write(ByteBuffer.wrap(java.util.HexFormat.of().parseHex(trailerHex)));
                channel.close();
                SnapshotStatus status = BboltFile.status(file);
                kept = true;
                return status;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            if (!kept) {
                discard();
            }
        }

        void discard() {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
