package io.lifeboat.store;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotDigest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams a {@code Flux<ByteBuffer>} of unknown length into one S3 object with a multipart
 * upload, in bounded memory.
 *
 * <p>Contract of {@link #upload}: parts of {@link UploadSettings#partSizeBytes()} are cut as
 * bytes arrive; at most {@link UploadSettings#maxInFlightParts()} upload at once and the
 * source is not asked for more meanwhile (backpressure reaches the producer); each part
 * carries a checksum S3 verifies; a failed part is retried from its retained buffer. The
 * upload completes only when every part succeeded, then S3's size of the object is checked.
 * On any error, and on cancel, the multipart upload is aborted; if the abort itself fails
 * (the store is down), the upload is handed to {@link AbortBacklog} for a later attempt, and
 * start-up sweeps catch the rest. No bytes are written to local disk.
 */
public final class MultipartUploader {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartUploader.class);

    private final S3AsyncClient s3;
    private final String bucket;
    private final UploadSettings settings;
    private final AbortBacklog backlog;
    /** Uploads started and not yet completed, aborted or handed to the backlog. */
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

    public MultipartUploader(S3AsyncClient s3, String bucket, UploadSettings settings, AbortBacklog backlog) {
        this.s3 = s3;
        this.bucket = bucket;
        this.settings = settings;
        this.backlog = backlog;
    }

    public Mono<UploadedObject> upload(String key, Flux<ByteBuffer> body) {
        return Mono.usingWhen(
                create(key).doOnNext(uploadId -> open.incrementAndGet()),
                uploadId -> uploadParts(key, uploadId, body),
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
    public boolean awaitNoneOpen(java.time.Duration timeout) throws InterruptedException {
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
        return Mono.fromFuture(() -> s3.createMultipartUpload(r -> {
                    r.bucket(bucket).key(key).contentType("application/zstd")
                            .checksumAlgorithm(settings.checksum().algorithm());
                    // STANDARD is every store's default: leave the header out, so stores that know no
                    // storage classes get exactly the request they always got.
                    if (settings.storageClass() != StorageClass.STANDARD) {
                        r.storageClass(settings.storageClass());
                    }
                }))
                .map(response -> response.uploadId())
                .onErrorMap(e -> failure("cannot start the upload of " + key, e));
    }

    private Mono<UploadedObject> uploadParts(String key, String uploadId, Flux<ByteBuffer> body) {
        MessageDigest sha256 = SnapshotDigest.newSha256();
        return PartAssembler.parts(body, settings.partSizeBytes())
                .doOnNext(part -> sha256.update(part.bytes(), 0, part.length()))
                .flatMapSequential(part -> uploadPart(key, uploadId, part), settings.maxInFlightParts(), 1)
                .collectList()
                .flatMap(parts -> complete(key, uploadId, parts, SnapshotDigest.hex(sha256.digest())));
    }

    private Mono<Manifest.Part> uploadPart(String key, String uploadId, Part part) {
        String checksum = settings.checksum().compute(part.bytes(), 0, part.length());
        UploadPartRequest request = partRequest(key, uploadId, part, checksum);
        return Mono.defer(() -> Mono.fromFuture(s3.uploadPart(request,
                        // Unsafe = no copy: the part array is not touched until S3 has acknowledged it.
                        AsyncRequestBody.fromByteBufferUnsafe(ByteBuffer.wrap(part.bytes(), 0, part.length())))))
                // A frozen store (SIGSTOPped, partitioned) answers nothing: each attempt is bounded,
                // so the upload fails within about (retries + 1) x part-timeout instead of hanging.
                .timeout(settings.partTimeout(), Mono.error(() -> new java.util.concurrent.TimeoutException(
                        "no answer within lifeboat.s3.part-timeout (" + settings.partTimeout().toMillis() + " ms)")))
                .retryWhen(Retry.backoff(settings.partRetries(), settings.retryBackoff())
                        .doBeforeRetry(signal -> LOG.warn("part {} of {} failed ({}), retry {} of {}", part.number(),
                                key, signal.failure().toString(), signal.totalRetries() + 1, settings.partRetries())))
                .map(response -> checked(key, part, checksum, response))
                .onErrorMap(e -> !(e instanceof StoreException),
                        e -> failure("part " + part.number() + " of " + key + " failed after "
                                + settings.partRetries() + " retries", e));
    }

    private UploadPartRequest partRequest(String key, String uploadId, Part part, String checksum) {
        UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(bucket).key(key)
                .uploadId(uploadId).partNumber(part.number()).contentLength((long) part.length());
        switch (settings.checksum()) {
            case CRC32C -> request.checksumCRC32C(checksum);
            case CRC32 -> request.checksumCRC32(checksum);
            case SHA256 -> request.checksumSHA256(checksum);
            case SHA1 -> request.checksumSHA1(checksum);
            case NONE -> { }
        }
        return request.build();
    }

    /** S3 echoes the checksum it computed; a store that disagrees received other bytes. */
    private Manifest.Part checked(String key, Part part, String sent, UploadPartResponse response) {
        String echoed = switch (settings.checksum()) {
            case CRC32C -> response.checksumCRC32C();
            case CRC32 -> response.checksumCRC32();
            case SHA256 -> response.checksumSHA256();
            case SHA1 -> response.checksumSHA1();
            case NONE -> null;
        };
        if (echoed != null && !echoed.equals(sent)) {
            throw new StoreException("S3 computed checksum " + echoed + " for part " + part.number() + " of " + key
                    + " but lifeboat sent " + sent, null);
        }
        return new Manifest.Part(part.number(), part.length(), sent, response.eTag());
    }

    private Mono<UploadedObject> complete(String key, String uploadId, List<Manifest.Part> parts, String sha256) {
        List<Manifest.Part> ordered = parts.stream().sorted(Comparator.comparingInt(Manifest.Part::number)).toList();
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).number() != i + 1) {
                return Mono.error(new StoreException("part list of " + key + " has a gap at part " + (i + 1), null));
            }
        }
        long size = ordered.stream().mapToLong(Manifest.Part::sizeBytes).sum();
        List<CompletedPart> completed = ordered.stream().map(this::completedPart).toList();
        return Mono.fromFuture(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())))
                .then(Mono.fromFuture(() -> s3.headObject(r -> r.bucket(bucket).key(key))))
                .onErrorMap(e -> failure("cannot complete the upload of " + key, e))
                .flatMap(head -> head.contentLength() == size
                        ? Mono.just(new UploadedObject(key, size, sha256, ordered))
                        : Mono.error(new StoreException("S3 stored " + head.contentLength() + " bytes for " + key
                                + " but lifeboat sent " + size, null)));
    }

    private CompletedPart completedPart(Manifest.Part part) {
        CompletedPart.Builder b = CompletedPart.builder().partNumber(part.number()).eTag(part.etag());
        switch (settings.checksum()) {
            case CRC32C -> b.checksumCRC32C(part.checksum());
            case CRC32 -> b.checksumCRC32(part.checksum());
            case SHA256 -> b.checksumSHA256(part.checksum());
            case SHA1 -> b.checksumSHA1(part.checksum());
            case NONE -> { }
        }
        return b.build();
    }

    private Mono<Void> abort(String key, String uploadId, Throwable cause) {
        LOG.info("aborting the upload of {} ({})", key, cause == null ? "cancelled" : cause.toString());
        return Mono.fromFuture(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)))
                // Bounded like a part: a frozen store must not hold a failed backup (or a shutdown) for
                // the whole api-call-timeout; the backlog and the sweep retry later.
                .timeout(settings.partTimeout())
                .then()
                .doFinally(signal -> open.decrementAndGet())
                .onErrorResume(e -> {
                    LOG.warn("cannot abort the upload of {} now ({}); will retry before the next backup", key,
                            e.toString());
                    backlog.add(new PendingUpload(key, uploadId));
                    return Mono.empty();
                });
    }

    private StoreException failure(String what, Throwable e) {
        return e instanceof StoreException se ? se
                : new StoreException(what + " in bucket " + bucket + ": " + rootMessage(e), e);
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
