package io.lifeboat.backup;

import io.lifeboat.bbolt.BboltStreamIndexer;
import io.lifeboat.bbolt.SnapshotStats;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.compression.ZstdCompressor;
import io.lifeboat.compression.ZstdSettings;
import io.lifeboat.etcd.EtcdMember;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotChunk;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.MultipartUploader;
import io.lifeboat.store.UploadSettings;
import io.lifeboat.store.UploadedObject;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One backup, as one Reactor chain: etcd snapshot stream → integrity (SHA-256 against etcd's
 * trailer, revision and key count from the bbolt pages) → zstd → multipart upload → manifest.
 *
 * <p>Nothing touches local disk. Memory is bounded by the upload's parts in flight plus the
 * zstd window: demand flows from S3 back to etcd's gRPC stream. In steady state the data path
 * allocates only gRPC's own message arrays: zstd writes into the uploader's pooled, off-heap
 * part buffers, which go back to the pool when the store has acknowledged them. The stream's checks run
 * before the upload is completed, so a snapshot that fails them never becomes an object;
 * the manifest, written last, is the commit point. On any failure or cancel the multipart
 * upload is aborted (see {@link MultipartUploader}).
 */
public final class BackupPipeline {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TAG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** etcd's messages are 32 KiB: 32 make one ~1 MiB hand-off to the compressor's thread. */
    private static final int BATCH_MESSAGES = 32;

    private final BucketLayout layout;
    private final Catalog catalog;
    private final MultipartUploader uploader;
    private final UploadSettings upload;
    private final ZstdSettings zstd;
    private final Scheduler cpu;
    private final Clock clock;
    private final String toolVersion;

    public BackupPipeline(BucketLayout layout, Catalog catalog, MultipartUploader uploader, UploadSettings upload,
                          ZstdSettings zstd, Scheduler cpu, Clock clock, String toolVersion) {
        this.layout = layout;
        this.catalog = catalog;
        this.uploader = uploader;
        this.upload = upload;
        this.zstd = zstd;
        this.cpu = cpu;
        this.clock = clock;
        this.toolVersion = toolVersion;
    }

    /**
     * Streams one snapshot of {@code member} into the bucket.
     *
     * @param snapshot the member's snapshot stream, subscribed once
     * @return the manifest, emitted after it was written; errors: EtcdUnavailableException,
     *     SnapshotIntegrityException, BboltFormatException, StoreException
     */
    public Mono<Manifest> backup(EtcdMember member, Flux<SnapshotChunk> snapshot) {
        return Mono.defer(() -> {
            Instant started = clock.instant();
            Checks checks = new Checks();
            String key = layout.snapshotKey(started, uploadTag());
            return uploader.uploadParts(key, compressed(checked(snapshot, checks)))
                    .map(object -> manifest(member, started, checks, object))
                    .flatMap(catalog::put);
        });
    }

    /**
     * Db bytes and trailer, checked as they pass, in batches of about 1 MiB; the checks close
     * before the stream does. The checks (SHA-256 at ~1.4 GB/s, the bbolt page walk) run on the
     * thread gRPC delivers on, ~25 µs per 32 KiB message: a thread hand-off per message cost more.
     */
    private Flux<List<ByteBuffer>> checked(Flux<SnapshotChunk> snapshot, Checks checks) {
        return snapshot
                .doOnNext(checks::accept)
                .map(SnapshotChunk::data)
                .buffer(BATCH_MESSAGES)
                .concatWith(Mono.<List<ByteBuffer>>fromRunnable(checks::finish));
    }

    /** zstd writes into the uploader's part buffers: each full buffer is one part. */
    private Flux<ByteBuffer> compressed(Flux<List<ByteBuffer>> batches) {
        return new ZstdCompressor(zstd, cpu, uploader.partBuffers()).compressBatches(batches);
    }

    /** The manifest's record of each part, from the uploader's. */
    private static List<Manifest.Part> parts(UploadedObject object) {
        return object.parts().stream()
                .map(part -> new Manifest.Part(part.number(), part.sizeBytes(), part.checksum(), part.etag()))
                .toList();
    }

    private Manifest manifest(EtcdMember member, Instant started, Checks checks, UploadedObject object) {
        Instant finished = clock.instant();
        SnapshotStats stats = checks.stats;
        return new Manifest(Manifest.FORMAT_VERSION,
                new SnapshotId(started, stats.revision()).toString(),
                layout.cluster(),
                new Manifest.EtcdSource(member.clusterId(), member.memberId(), member.name(), member.version(),
                        member.endpoint(), ""),
                stats.revision(), stats.totalKeys(), stats.dbSizeBytes(), checks.dbSha256,
                new Manifest.StoredObject(object.key(), object.sizeBytes(), object.sha256(), upload.partSizeBytes(),
                        upload.checksum().name(), parts(object)),
                new Manifest.Compression("zstd", zstd.level(), zstd.workers()),
                new Manifest.Timings(started, finished, Duration.between(started, finished).toMillis()),
                List.of(),
                new Manifest.Tool("lifeboat", toolVersion));
    }

    private static String uploadTag() {
        char[] tag = new char[8];
        for (int i = 0; i < tag.length; i++) {
            tag[i] = TAG_ALPHABET.charAt(RANDOM.nextInt(TAG_ALPHABET.length()));
        }
        return new String(tag);
    }

    /** What the stream's own bytes prove about it: etcd's digest, and bbolt's revision and keys. */
    private static final class Checks {
        private final SnapshotDigest digest = new SnapshotDigest();
        private final BboltStreamIndexer indexer = new BboltStreamIndexer();
        private String dbSha256;
        private SnapshotStats stats;

        void accept(SnapshotChunk chunk) {
            if (digest.accept(chunk)) {
                indexer.accept(chunk.data());
            }
        }

        void finish() {
            dbSha256 = digest.verify();
            stats = indexer.finish();
            if (stats.dbSizeBytes() != digest.dbBytes()) {
                throw new io.lifeboat.snapshot.SnapshotIntegrityException("etcd streamed " + digest.dbBytes()
                        + " db bytes but the bbolt meta page describes " + stats.dbSizeBytes());
            }
        }
    }
}
