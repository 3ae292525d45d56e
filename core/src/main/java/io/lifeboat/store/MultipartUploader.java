package io.lifeboat.store;

import io.lifeboat.buffer.BufferPool;
import io.lifeboat.snapshot.SnapshotDigest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Streams a {@code Flux<ByteBuffer>} of unknown length into one object with a multipart
 * upload, in bounded memory.
 *
 * <p>Contract of {@link #upload}: parts of {@link UploadSettings#partSizeBytes()} are cut as
 * bytes arrive; at most {@link UploadSettings#maxInFlightParts()} upload at once and the
 * source is not asked for more meanwhile (backpressure reaches the producer); each part
 * carries a checksum the store verifies; a failed part is retried from its retained buffer. The
 * upload completes only when every part succeeded, then the store's size of the object is checked.
 * On any error, and on cancel, the multipart upload is aborted; if the abort itself fails
 * (the store is down), the upload goes to this uploader's {@link AbortBacklog}, retried by
 * {@link #retryAborts()} before the next backup, and start-up sweeps catch the rest. No bytes
 * are written to local disk.
 */
public final class MultipartUploader {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartUploader.class);

    private final ObjectStore store;
    private final UploadSettings settings;
    private final AbortBacklog backlog;
    /** Uploads started and not yet completed, aborted or handed to the backlog. */
    private final AtomicInteger open = new AtomicInteger();
    private final BufferPool partBuffers;
    /** Direct memory left to Netty and zstd's input buffer beside the part buffers. */
    private static final long DIRECT_MEMORY_MARGIN_BYTES = 16L << 20;

    public MultipartUploader(ObjectStore store, UploadSettings settings) {
        this.store = store;
        this.settings = settings;
        this.backlog = new AbortBacklog(store);
        this.partBuffers = new BufferPool(Math.toIntExact(settings.partSizeBytes()), partBuffersAtMost(settings));
    }

    /**
     * Part buffers out at once when the store is slower than the stream: the parts uploading,
     * one finished part waiting for a free slot, one more in the queue in front of it, and the
     * one zstd is filling (measured with the slow-bucket benchmark).
     */
    public static int partBuffersAtMost(UploadSettings settings) {
        return settings.maxInFlightParts() + 3;
    }

    /**
     * Refuses settings whose part buffers do not fit the JVM's direct memory limit with room to
     * spare (Netty's own buffers come from the same limit): the backup would otherwise fail, and
     * only once the store is slow enough for every buffer to be out at once.
     *
     * @throws IllegalArgumentException naming the settings, what they need and the limit
     */
    public static void requireDirectMemory(UploadSettings settings, long limitBytes) {
        long needed = settings.partSizeBytes() * partBuffersAtMost(settings);
        long room = limitBytes - DIRECT_MEMORY_MARGIN_BYTES;
        if (needed > room) {
            throw new IllegalArgumentException("lifeboat.s3.part-size x (lifeboat.s3.max-in-flight-parts + 3) = "
                    + (needed >> 20) + " MiB of part buffers, more than the JVM's direct memory limit of "
                    + (limitBytes >> 20) + " MiB leaves (" + (DIRECT_MEMORY_MARGIN_BYTES >> 20) + " MiB are kept for"
                    + " the network buffers): raise -XX:MaxDirectMemorySize (by default -Xmx), or lower the part size"
                    + " or the parts in flight");
        }
    }

    /**
     * The part-sized buffers this uploader sends and reuses. A producer that writes parts itself
     * takes them from here for {@link #uploadParts}.
     */
    public BufferPool partBuffers() {
        return partBuffers;
    }

    /** Tries once more to abort each upload whose abort failed; keeps those that still fail. */
    public Mono<Void> retryAborts() {
        return backlog.retry();
    }

    /** Uploads whose abort failed and waits for {@link #retryAborts()}. */
    public List<IncompleteUpload> pendingAborts() {
        return backlog.pending();
    }

    /** Uploads a stream of any buffers, copied into parts of {@link UploadSettings#partSizeBytes()}. */
    public Mono<UploadedObject> upload(String key, Flux<ByteBuffer> body) {
        return uploadParts(key, PartAssembler.parts(body, partBuffers));
    }

    /**
     * Uploads parts a producer filled itself, in order: each a buffer of {@link #partBuffers()},
     * flipped, and full except the last. Each buffer belongs to the uploader from then on and goes
     * back to the pool once the store has acknowledged it. A part shorter than the part size
     * followed by another fails the upload: S3 would refuse it at the end anyway.
     */
    public Mono<UploadedObject> uploadParts(String key, Flux<ByteBuffer> parts) {
        return Mono.usingWhen(
                create(key).doOnNext(uploadId -> open.incrementAndGet()),
                uploadId -> sendParts(key, uploadId, parts),
                uploadId -> Mono.fromRunnable(open::decrementAndGet),
                (uploadId, error) -> abort(key, uploadId, error),
                uploadId -> abort(key, uploadId, null));
    }

    /**
     * Waits until no upload of this uploader is open: each one completed, was aborted, or (its
     * abort failed) is in the backlog. What a shutdown waits for after cancelling a backup,
     * before it closes the S3 client under the abort.
     *
     * @return true if none is open, false if {@code timeout} passed first
     */
    public boolean awaitNoneOpen(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Uploads started and not yet completed or aborted. */
    public int openUploads() {
        return open.get();
    }

    private Mono<String> create(String key) {
        return store.startUpload(key, "application/zstd", settings.storageClass().toString(), settings.checksum())
                .onErrorMap(e -> failure("cannot start the upload of " + key, e));
    }

    private Mono<UploadedObject> sendParts(String key, String uploadId, Flux<ByteBuffer> buffers) {
        MessageDigest sha256 = SnapshotDigest.newSha256();
        AtomicInteger number = new AtomicInteger();
        AtomicInteger shortPart = new AtomicInteger();
        return buffers
                .switchIfEmpty(Mono.fromSupplier(() -> ByteBuffer.allocate(0)))
                .map(buffer -> new Part(number.incrementAndGet(), buffer))
                .doOnNext(part -> {
                    if (shortPart.get() != 0) {
                        throw new StoreException("part " + shortPart.get() + " of " + key + " has "
                                + "fewer bytes than the part size and is not the last part", null);
                    }
                    if (part.length() != partBuffers.size()) {
                        shortPart.set(part.number());
                    }
                    sha256.update(part.data().duplicate());
                })
                .flatMapSequential(part -> uploadPart(key, uploadId, part)
                        .doOnNext(uploaded -> partBuffers.release(part.data())), settings.maxInFlightParts(), 1)
                .collectList()
                .flatMap(parts -> complete(key, uploadId, parts, SnapshotDigest.hex(sha256.digest())));
    }

    private Mono<UploadedPart> uploadPart(String key, String uploadId, Part part) {
        String checksum = settings.checksum().compute(part.data());
        ByteBuffer bytes = part.data().asReadOnlyBuffer();
        return Mono.defer(() -> store.uploadPart(key, uploadId, part.number(), bytes, settings.checksum(), checksum))
                // A frozen store (SIGSTOPped, partitioned) answers nothing: each attempt is bounded,
                // so the upload fails within about (retries + 1) x part-timeout instead of hanging.
                .timeout(settings.partTimeout(), Mono.error(() -> new TimeoutException(
                        "no answer within lifeboat.s3.part-timeout (" + settings.partTimeout().toMillis() + " ms)")))
                .retryWhen(Retry.backoff(settings.partRetries(), settings.retryBackoff())
                        .doBeforeRetry(signal -> LOG.warn("part {} of {} failed ({}), retry {} of {}", part.number(),
                                key, signal.failure().toString(), signal.totalRetries() + 1, settings.partRetries())))
                .map(receipt -> checked(key, part, checksum, receipt))
                .onErrorMap(e -> !(e instanceof StoreException),
                        e -> failure("part " + part.number() + " of " + key + " failed after "
                                + settings.partRetries() + " retries", e));
    }

    /** The store echoes the checksum it computed; a store that disagrees received other bytes. */
    private UploadedPart checked(String key, Part part, String sent, PartReceipt receipt) {
        if (receipt.checksum() != null && !receipt.checksum().equals(sent)) {
            throw new StoreException("the store computed checksum " + receipt.checksum() + " for part "
                    + part.number() + " of " + key + " but lifeboat sent " + sent, null);
        }
        return new UploadedPart(part.number(), part.length(), sent, receipt.etag());
    }

    private Mono<UploadedObject> complete(String key, String uploadId, List<UploadedPart> parts, String sha256) {
        List<UploadedPart> ordered = parts.stream().sorted(Comparator.comparingInt(UploadedPart::number)).toList();
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).number() != i + 1) {
                return Mono.error(new StoreException("part list of " + key + " has a gap at part " + (i + 1), null));
            }
        }
        long size = ordered.stream().mapToLong(UploadedPart::sizeBytes).sum();
        return store.completeUpload(key, uploadId, ordered, settings.checksum())
                .onErrorMap(e -> failure("cannot complete the upload of " + key, e))
                .flatMap(stored -> stored == size
                        ? Mono.just(new UploadedObject(key, size, sha256, ordered))
                        : Mono.error(new StoreException("the store holds " + stored + " bytes for " + key
                                + " but lifeboat sent " + size, null)));
    }

    private Mono<Void> abort(String key, String uploadId, Throwable cause) {
        LOG.info("aborting the upload of {} ({})", key, cause == null ? "cancelled" : cause.toString());
        return store.abortUpload(key, uploadId)
                // Bounded like a part: a frozen store must not hold a failed backup (or a shutdown) for
                // the whole api-call-timeout; the backlog and the sweep retry later.
                .timeout(settings.partTimeout())
                .then()
                .doFinally(signal -> open.decrementAndGet())
                .onErrorResume(e -> {
                    LOG.warn("cannot abort the upload of {} now ({}); will retry before the next backup", key,
                            e.toString());
                    backlog.add(new IncompleteUpload(key, uploadId, null));
                    return Mono.empty();
                });
    }

    private StoreException failure(String what, Throwable e) {
        return e instanceof StoreException se ? se
                : new StoreException(what + " in " + store.describe() + ": " + rootMessage(e), e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
