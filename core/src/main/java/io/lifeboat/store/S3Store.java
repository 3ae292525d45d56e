package io.lifeboat.store;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The small object operations lifeboat needs besides multipart uploads: whole small objects
 * (manifests), listings, deletes. Every failure becomes a {@link StoreException} naming the
 * bucket and key.
 */
public final class S3Store {

    private final S3AsyncClient s3;
    private final S3Settings settings;

    public S3Store(S3AsyncClient s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    public String bucket() {
        return settings.bucket();
    }

    public S3AsyncClient client() {
        return s3;
    }

    public Mono<Void> putBytes(String key, byte[] bytes, String contentType) {
        return Mono.fromFuture(() -> s3.putObject(r -> r.bucket(bucket()).key(key).contentType(contentType),
                        AsyncRequestBody.fromBytes(bytes)))
                .then()
                .onErrorMap(wrap("cannot write " + key));
    }

    /**
     * Writes the object only if no object has the key: a conditional put ({@code If-None-Match: *},
     * which S3 and most compatible stores honour with 412), after a HEAD that catches stores
     * that ignore the header. Never overwrites what a HEAD can see.
     *
     * @return true if written, false if the key was already taken
     */
    public Mono<Boolean> putBytesIfAbsent(String key, byte[] bytes, String contentType) {
        return exists(key).flatMap(taken -> taken ? Mono.just(false)
                : Mono.fromFuture(() -> s3.putObject(r -> r.bucket(bucket()).key(key).contentType(contentType)
                                .ifNoneMatch("*"), AsyncRequestBody.fromBytes(bytes)))
                        .thenReturn(true)
                        .onErrorResume(S3Store::isPreconditionFailed, taken2 -> Mono.just(false)))
                .onErrorMap(wrap("cannot write " + key));
    }

    /** Whether an object has the key. */
    public Mono<Boolean> exists(String key) {
        return Mono.fromFuture(() -> s3.headObject(r -> r.bucket(bucket()).key(key)))
                .thenReturn(true)
                .onErrorResume(NoSuchKeyException.class, missing -> Mono.just(false))
                .onErrorResume(e -> e instanceof S3Exception s3e && s3e.statusCode() == 404, missing -> Mono.just(false))
                .onErrorMap(wrap("cannot look up " + key));
    }

    private static boolean isPreconditionFailed(Throwable e) {
        // 412 PreconditionFailed: the key exists; 409 ConditionalRequestConflict: another put of it is in flight.
        return e instanceof S3Exception s3e && (s3e.statusCode() == 412 || s3e.statusCode() == 409);
    }

    /** The object's bytes, or empty if there is no such key. */
    public Mono<byte[]> getBytes(String key) {
        return Mono.fromFuture(() -> s3.getObject(r -> r.bucket(bucket()).key(key), AsyncResponseTransformer.toBytes()))
                .map(response -> response.asByteArray())
                .onErrorResume(NoSuchKeyException.class, missing -> Mono.empty())
                .onErrorMap(wrap("cannot read " + key));
    }

    /** Every object under {@code prefix}, in key order, all pages. */
    public Flux<S3Object> list(String prefix) {
        return Flux.from(s3.listObjectsV2Paginator(r -> r.bucket(bucket()).prefix(prefix)).contents())
                .onErrorMap(wrap("cannot list " + prefix));
    }

    public Mono<Void> delete(String key) {
        return Mono.fromFuture(() -> s3.deleteObject(r -> r.bucket(bucket()).key(key)))
                .then()
                .onErrorMap(wrap("cannot delete " + key));
    }

    /**
     * Replaces the object's whole tag set with {@code tags} (PutObjectTagging).
     *
     * @return false, without an error, when the store does not implement object tagging
     *     (S3Proxy and some others answer 501 NotImplemented); true when the tags were set
     */
    public Mono<Boolean> replaceTags(String key, Map<String, String> tags) {
        List<Tag> tagSet = tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
        return Mono.fromFuture(() -> s3.putObjectTagging(r -> r.bucket(bucket()).key(key)
                        .tagging(t -> t.tagSet(tagSet))))
                .thenReturn(true)
                .onErrorResume(S3Store::isNotImplemented, unsupported -> Mono.just(false))
                .onErrorMap(wrap("cannot tag " + key));
    }

    /** A store's answer that it lacks a feature (501 NotImplemented): S3Proxy's for tagging and lifecycle. */
    static boolean isNotImplemented(Throwable e) {
        return e instanceof S3Exception s3e && (s3e.statusCode() == 501 || s3e.awsErrorDetails() != null
                && "NotImplemented".equals(s3e.awsErrorDetails().errorCode()));
    }

    private Function<Throwable, Throwable> wrap(String what) {
        return e -> e instanceof StoreException ? e
                : new StoreException(what + " in " + settings.describe() + ": " + MultipartUploader.rootMessage(e), e);
    }
}
