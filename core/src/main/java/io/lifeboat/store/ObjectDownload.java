package io.lifeboat.store;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams one object out of the bucket with backpressure: bytes are read from the connection
 * only as fast as downstream requests them, so a multi-GiB snapshot never sits in the heap.
 *
 * <p>A connection that breaks mid-object (reset, timeout, a 5xx) is resumed where it broke,
 * with a ranged GET that also requires the object's ETag to be unchanged ({@code If-Match}),
 * so the bytes downstream sees are the bytes of one object version, each exactly once. After
 * {@code maxResumes} failed attempts, or on any other error, the stream fails with a
 * {@link StoreException} naming bucket and key; {@link ObjectNotFoundException} if the key
 * does not exist. Buffers are emitted on the SDK's Netty threads: move work off them.
 */
final class ObjectDownload {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final S3AsyncClient s3;
    private final S3Settings settings;
    private final int maxResumes;

    ObjectDownload(S3AsyncClient s3, S3Settings settings, int maxResumes) {
        if (maxResumes < 0) {
            throw new IllegalArgumentException("maxResumes must be >= 0, was " + maxResumes);
        }
        this.s3 = s3;
        this.settings = settings;
        this.maxResumes = maxResumes;
    }

    /** The object's bytes, in order; subscribe once per download. */
    Flux<ByteBuffer> stream(String key) {
        return Flux.defer(() -> {
            AtomicLong received = new AtomicLong();
            AtomicReference<String> etag = new AtomicReference<>();
            return Flux.defer(() -> attempt(key, received.get(), etag))
                    .doOnNext(buffer -> received.addAndGet(buffer.remaining()))
                    .retryWhen(Retry.backoff(maxResumes, FIRST_BACKOFF).filter(ObjectDownload::isTransient)
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        }).onErrorMap(e -> wrap(key, e));
    }

    private Flux<ByteBuffer> attempt(String key, long offset, AtomicReference<String> etag) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(settings.bucket()).key(key);
        if (offset > 0) {
            request.range("bytes=" + offset + "-").ifMatch(etag.get());
        }
        return Mono.fromFuture(() -> s3.getObject(request.build(), AsyncResponseTransformer.toPublisher()))
                .flatMapMany(response -> {
                    etag.compareAndSet(null, response.response().eTag());
                    return Flux.from(response);
                });
    }

    /** Worth resuming: the connection or the server failed, not the request. */
    private static boolean isTransient(Throwable e) {
        if (e instanceof S3Exception s3) {
            return s3.statusCode() >= 500;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private Throwable wrap(String key, Throwable e) {
        if (e instanceof StoreException) {
            return e;
        }
        if (e instanceof NoSuchKeyException) {
            return new ObjectNotFoundException("object " + key + " is not in " + settings.describe(), e);
        }
        return new StoreException("cannot read " + key + " in " + settings.describe() + ": "
                + MultipartUploader.rootMessage(e), e);
    }
}
