package io.lifeboat.store;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tier;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * {@link ObjectStore} on S3 and S3-compatible stores, through the AWS SDK's async client: the
 * only class that talks to the SDK client. Every SDK failure becomes a {@link StoreException}
 * naming the bucket and key; a 501 NotImplemented a {@link StoreFeatureUnsupportedException}.
 */
public final class S3ObjectStore implements ObjectStore {

    /** Resumes of one streamed object after a broken connection. */
    private static final int MAX_RESUMES = 3;

    private final S3AsyncClient s3;
    private final S3Settings settings;
    private final ObjectDownload download;
    private final boolean ownsClient;
    /** Keys per object listing page and uploads per upload listing page; null leaves it to the store (S3: 1000). */
    private final Integer listPageSize;
    private final Integer uploadPageSize;

    /** Uses {@code s3} without owning it: {@link #close} leaves it open. */
    public S3ObjectStore(S3AsyncClient s3, S3Settings settings) {
        this(s3, settings, false, null, null);
    }

    private S3ObjectStore(S3AsyncClient s3, S3Settings settings, boolean ownsClient, Integer listPageSize,
                          Integer uploadPageSize) {
        this.s3 = s3;
        this.settings = settings;
        this.download = new ObjectDownload(s3, settings, MAX_RESUMES);
        this.ownsClient = ownsClient;
        this.listPageSize = listPageSize;
        this.uploadPageSize = uploadPageSize;
    }

    /** A store with its own client ({@link S3Clients#async}), closed by {@link #close}. */
    public static S3ObjectStore open(S3Settings settings) {
        return new S3ObjectStore(S3Clients.async(settings), settings, true, null, null);
    }

    /**
     * The same store listing {@code objectKeys} objects and {@code uploads} incomplete uploads per
     * page (S3's max-keys, max-uploads; null: the store's default), so that tests cross page
     * boundaries of a real server with a handful of objects. S3Proxy answers max-uploads with 501.
     * The copy does not own the client.
     */
    S3ObjectStore withPageSizes(Integer objectKeys, Integer uploads) {
        return new S3ObjectStore(s3, settings, false, objectKeys, uploads);
    }

    @Override
    public String bucket() {
        return settings.bucket();
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    /** The endpoint the SDK client resolved from the settings (empty: AWS's regional endpoint). */
    public Optional<URI> endpoint() {
        return s3.serviceClientConfiguration().endpointOverride();
    }

    @Override
    public Mono<Void> putBytes(String key, byte[] bytes, String contentType) {
        return Mono.fromFuture(() -> s3.putObject(r -> r.bucket(bucket()).key(key).contentType(contentType),
                        AsyncRequestBody.fromBytes(bytes)))
                .then()
                .onErrorMap(wrap("cannot write " + key));
    }

    /**
     * A conditional put ({@code If-None-Match: *}, which S3 and most compatible stores honour with
     * 412), after a HEAD that catches stores that ignore the header. Never overwrites what a HEAD
     * can see.
     */
    @Override
    public Mono<Boolean> putBytesIfAbsent(String key, byte[] bytes, String contentType) {
        return exists(key).flatMap(taken -> taken ? Mono.just(false)
                : Mono.fromFuture(() -> s3.putObject(r -> r.bucket(bucket()).key(key).contentType(contentType)
                                .ifNoneMatch("*"), AsyncRequestBody.fromBytes(bytes)))
                        .thenReturn(true)
                        .onErrorResume(S3ObjectStore::isPreconditionFailed, taken2 -> Mono.just(false)))
                .onErrorMap(wrap("cannot write " + key));
    }

    @Override
    public Mono<Boolean> exists(String key) {
        return head(key).hasElement();
    }

    @Override
    public Mono<ObjectHead> head(String key) {
        return Mono.fromFuture(() -> s3.headObject(r -> r.bucket(bucket()).key(key)))
                .map(response -> head(key, response))
                .onErrorResume(S3ObjectStore::isNotFound, missing -> Mono.empty())
                .onErrorMap(wrap("cannot look up " + key));
    }

    private static ObjectHead head(String key, HeadObjectResponse response) {
        String storageClass = response.storageClassAsString() == null ? "STANDARD" : response.storageClassAsString();
        return new ObjectHead(key, response.contentLength() == null ? 0 : response.contentLength(), response.eTag(),
                storageClass, archive(storageClass, response.restore()));
    }

    /**
     * S3's {@code x-amz-restore} header: absent when no thaw was asked for,
     * {@code ongoing-request="true"} while it runs, {@code ongoing-request="false", expiry-date=...}
     * once the thawed copy is readable. Only GLACIER and DEEP_ARCHIVE need a thaw; GLACIER_IR does not.
     */
    static ObjectHead.Archive archive(String storageClass, String restoreHeader) {
        if (!"GLACIER".equals(storageClass) && !"DEEP_ARCHIVE".equals(storageClass)) {
            return ObjectHead.Archive.NONE;
        }
        if (restoreHeader == null || restoreHeader.isBlank()) {
            return ObjectHead.Archive.FROZEN;
        }
        return restoreHeader.replace(" ", "").contains("ongoing-request=\"true\"")
                ? ObjectHead.Archive.THAWING : ObjectHead.Archive.THAWED;
    }

    @Override
    public Mono<byte[]> getBytes(String key) {
        return Mono.fromFuture(() -> s3.getObject(r -> r.bucket(bucket()).key(key), AsyncResponseTransformer.toBytes()))
                .map(response -> response.asByteArray())
                .onErrorResume(NoSuchKeyException.class, missing -> Mono.empty())
                .onErrorMap(wrap("cannot read " + key));
    }

    @Override
    public Flux<ByteBuffer> stream(String key) {
        return download.stream(key);
    }

    @Override
    public Flux<StoredObject> list(String prefix) {
        return Flux.from(s3.listObjectsV2Paginator(r -> r.bucket(bucket()).prefix(prefix).maxKeys(listPageSize)).contents())
                .map(o -> new StoredObject(o.key(), o.size() == null ? 0 : o.size(), o.lastModified(), o.eTag()))
                .onErrorMap(wrap("cannot list " + prefix));
    }

    @Override
    public Mono<Void> delete(String key) {
        return Mono.fromFuture(() -> s3.deleteObject(r -> r.bucket(bucket()).key(key)))
                .then()
                .onErrorMap(wrap("cannot delete " + key));
    }

    @Override
    public Mono<Boolean> replaceTags(String key, Map<String, String> tags) {
        List<Tag> tagSet = tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
        return Mono.fromFuture(() -> s3.putObjectTagging(r -> r.bucket(bucket()).key(key)
                        .tagging(t -> t.tagSet(tagSet))))
                .thenReturn(true)
                .onErrorResume(S3ObjectStore::isNotImplemented, unsupported -> Mono.just(false))
                .onErrorMap(wrap("cannot tag " + key));
    }

    @Override
    public Mono<Map<String, String>> tags(String key) {
        return Mono.fromFuture(() -> s3.getObjectTagging(r -> r.bucket(bucket()).key(key)))
                .map(response -> response.tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value)))
                .onErrorMap(unsupported("object tagging"))
                .onErrorMap(wrap("cannot read the tags of " + key));
    }

    @Override
    public Mono<String> startUpload(String key, String contentType, String storageClass, ChecksumMode checksum) {
        return Mono.fromFuture(() -> s3.createMultipartUpload(r -> {
                    r.bucket(bucket()).key(key).contentType(contentType).checksumAlgorithm(checksum.algorithm());
                    // STANDARD is every store's default: leave the header out, so stores that know no
                    // storage classes get exactly the request they always got.
                    if (!StorageClass.STANDARD.toString().equals(storageClass)) {
                        r.storageClass(storageClass);
                    }
                }))
                .map(response -> response.uploadId())
                .onErrorMap(e -> checksum != ChecksumMode.NONE && isNotImplemented(e)
                        ? new StoreException("cannot start the upload of " + key + " in " + describe() + ": "
                                + MultipartUploader.rootMessage(e) + "; the store does not take x-amz-checksum-*"
                                + " headers: set lifeboat.s3.checksum=off", e)
                        : e)
                .onErrorMap(wrap("cannot start the upload of " + key));
    }

    @Override
    public Mono<PartReceipt> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body, ChecksumMode mode,
                                        String checksum) {
        UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(bucket()).key(key)
                .uploadId(uploadId).partNumber(partNumber).contentLength((long) body.remaining());
        UploadPartRequest built = S3PartChecksums.withChecksum(request, mode, checksum).build();
        // Unsafe = no copy: the caller does not touch the buffer until the store has acknowledged it.
        return Mono.defer(() -> Mono.fromFuture(s3.uploadPart(built, AsyncRequestBody.fromByteBufferUnsafe(body.duplicate()))))
                .map(response -> new PartReceipt(response.eTag(), S3PartChecksums.echoed(mode, response)));
    }

    @Override
    public Mono<Long> completeUpload(String key, String uploadId, List<UploadedPart> parts, ChecksumMode mode) {
        List<CompletedPart> completed = parts.stream().map(part -> S3PartChecksums.completedPart(part, mode)).toList();
        return Mono.fromFuture(() -> s3.completeMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())))
                .then(Mono.fromFuture(() -> s3.headObject(r -> r.bucket(bucket()).key(key))))
                .map(head -> head.contentLength())
                .onErrorMap(wrap("cannot complete the upload of " + key));
    }

    @Override
    public Mono<Void> abortUpload(String key, String uploadId) {
        return Mono.fromFuture(() -> s3.abortMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId)))
                .then()
                .onErrorResume(e -> e instanceof NoSuchUploadException
                        || e.getCause() instanceof NoSuchUploadException, gone -> Mono.empty())
                .onErrorMap(wrap("cannot abort the upload of " + key));
    }

    @Override
    public Flux<IncompleteUpload> incompleteUploads(String prefix) {
        return Flux.from(s3.listMultipartUploadsPaginator(r -> r.bucket(bucket()).prefix(prefix).maxUploads(uploadPageSize)).uploads())
                .map(upload -> new IncompleteUpload(upload.key(), upload.uploadId(), upload.initiated()))
                .onErrorMap(unsupported("listing incomplete multipart uploads"))
                .onErrorMap(wrap("cannot list incomplete uploads under " + prefix));
    }

    @Override
    public Mono<List<LifecycleRule>> lifecycleRules() {
        return Mono.fromFuture(() -> s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket())))
                .map(response -> List.copyOf(response.rules()))
                .onErrorResume(S3ObjectStore::isNoLifecycleConfiguration, none -> Mono.just(List.of()))
                .onErrorMap(unsupported("lifecycle configuration"))
                .onErrorMap(wrap("cannot read the lifecycle configuration"));
    }

    @Override
    public Mono<Void> replaceLifecycleRules(List<LifecycleRule> rules) {
        // S3 refuses a configuration without rules: none means no configuration.
        Mono<?> call = rules.isEmpty()
                ? Mono.fromFuture(() -> s3.deleteBucketLifecycle(r -> r.bucket(bucket())))
                : Mono.fromFuture(() -> s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket())
                        .lifecycleConfiguration(c -> c.rules(rules))));
        return call.then()
                .onErrorMap(unsupported("lifecycle configuration"))
                .onErrorMap(wrap("cannot write the lifecycle configuration"));
    }

    @Override
    public Mono<Void> requestThaw(String key, int days) {
        if (days < 1) {
            return Mono.error(new IllegalArgumentException("thaw days must be at least 1, was " + days));
        }
        return Mono.fromFuture(() -> s3.restoreObject(r -> r.bucket(bucket()).key(key)
                        .restoreRequest(q -> q.days(days).glacierJobParameters(g -> g.tier(Tier.STANDARD)))))
                .then()
                // 409 RestoreAlreadyInProgress: asked before, still running; that is what we want.
                .onErrorResume(e -> statusOf(e) == 409, inProgress -> Mono.empty())
                .onErrorMap(unsupported("archive thaws (RestoreObject)"))
                .onErrorMap(wrap("cannot request a thaw of " + key));
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    private static boolean isPreconditionFailed(Throwable e) {
        // 412 PreconditionFailed: the key exists; 409 ConditionalRequestConflict: another put of it is in flight.
        int status = statusOf(e);
        return status == 412 || status == 409;
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof NoSuchKeyException || e.getCause() instanceof NoSuchKeyException || statusOf(e) == 404;
    }

    /** A store's answer that it lacks a feature (501 NotImplemented): S3Proxy's for tagging and lifecycle. */
    static boolean isNotImplemented(Throwable e) {
        S3Exception s3e = s3Exception(e);
        return s3e != null && (s3e.statusCode() == 501 || s3e.awsErrorDetails() != null
                && "NotImplemented".equals(s3e.awsErrorDetails().errorCode()));
    }

    private static boolean isNoLifecycleConfiguration(Throwable e) {
        S3Exception s3e = s3Exception(e);
        return s3e != null && s3e.awsErrorDetails() != null
                && "NoSuchLifecycleConfiguration".equals(s3e.awsErrorDetails().errorCode());
    }

    private static int statusOf(Throwable e) {
        S3Exception s3e = s3Exception(e);
        return s3e == null ? -1 : s3e.statusCode();
    }

    /** The S3 error, whether the future failed with it or with a CompletionException around it. */
    private static S3Exception s3Exception(Throwable e) {
        if (e instanceof S3Exception s3e) {
            return s3e;
        }
        return e.getCause() instanceof S3Exception s3e ? s3e : null;
    }

    private Function<Throwable, Throwable> unsupported(String feature) {
        return e -> isNotImplemented(e) ? new StoreFeatureUnsupportedException(describe() + " does not implement "
                + feature + " (NotImplemented)", e) : e;
    }

    private Function<Throwable, Throwable> wrap(String what) {
        return e -> e instanceof StoreException ? e
                : new StoreException(what + " in " + describe() + ": " + MultipartUploader.rootMessage(e), e);
    }
}
