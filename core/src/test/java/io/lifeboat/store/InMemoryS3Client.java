package io.lifeboat.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Just enough of one S3 bucket, in memory, for unit tests of the classes that list, read and
 * write small objects. Listings come in pages of {@link #PAGE_SIZE} keys, in key order, so
 * callers must follow continuation tokens. Keys in {@link #failingReads} fail like a 500;
 * deletes remove the object and are recorded in {@link #deleted}.
 */
public final class InMemoryS3Client implements S3AsyncClient {

    public static final int PAGE_SIZE = 2;

    public final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    public final Map<String, String> contentTypes = new HashMap<>();
    public final Set<String> failingReads = new HashSet<>();
    /** Last-modified times listings report; a key without one is listed without a time. */
    public final Map<String, Instant> lastModified = new ConcurrentHashMap<>();
    public final Set<String> deleted = ConcurrentHashMap.newKeySet();
    public volatile boolean failListing;

    @Override
    public CompletableFuture<ListObjectsV2Response> listObjectsV2(ListObjectsV2Request request) {
        if (failListing) {
            return CompletableFuture.failedFuture(internalError());
        }
        String after = request.continuationToken();
        List<S3Object> matching = new TreeMap<>(objects).entrySet().stream()
                .filter(e -> e.getKey().startsWith(request.prefix() == null ? "" : request.prefix()))
                .filter(e -> after == null || e.getKey().compareTo(after) > 0)
                .map(e -> S3Object.builder().key(e.getKey()).size((long) e.getValue().length)
                        .lastModified(lastModified.get(e.getKey())).build())
                .toList();
        List<S3Object> page = matching.subList(0, Math.min(PAGE_SIZE, matching.size()));
        boolean truncated = matching.size() > page.size();
        return CompletableFuture.completedFuture(ListObjectsV2Response.builder()
                .contents(page)
                .keyCount(page.size())
                .isTruncated(truncated)
                .nextContinuationToken(truncated ? page.get(page.size() - 1).key() : null)
                .build());
    }

    @Override
    public <T> CompletableFuture<T> getObject(GetObjectRequest request,
                                              AsyncResponseTransformer<GetObjectResponse, T> transformer) {
        if (failingReads.contains(request.key())) {
            return CompletableFuture.failedFuture(internalError());
        }
        byte[] bytes = objects.get(request.key());
        if (bytes == null) {
            return CompletableFuture.failedFuture(NoSuchKeyException.builder()
                    .message("The specified key does not exist.").statusCode(404).build());
        }
        CompletableFuture<T> result = transformer.prepare();
        transformer.onResponse(GetObjectResponse.builder().contentLength((long) bytes.length).build());
        transformer.onStream(SdkPublisher.adapt(Flux.just(ByteBuffer.wrap(bytes.clone()))));
        return result;
    }

    @Override
    public CompletableFuture<PutObjectResponse> putObject(PutObjectRequest request, AsyncRequestBody body) {
        return Flux.from(body)
                .reduce(new java.io.ByteArrayOutputStream(), (out, buffer) -> {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    out.writeBytes(bytes);
                    return out;
                })
                .map(out -> {
                    if ("*".equals(request.ifNoneMatch()) && objects.containsKey(request.key())) {
                        throw (S3Exception) S3Exception.builder().message("At least one of the pre-conditions you"
                                + " specified did not hold").statusCode(412).build();
                    }
                    objects.put(request.key(), out.toByteArray());
                    contentTypes.put(request.key(), request.contentType());
                    return PutObjectResponse.builder().eTag("\"etag\"").build();
                })
                .toFuture();
    }

    @Override
    public CompletableFuture<HeadObjectResponse> headObject(HeadObjectRequest request) {
        byte[] bytes = objects.get(request.key());
        return bytes == null
                ? CompletableFuture.failedFuture(NoSuchKeyException.builder().statusCode(404).build())
                : CompletableFuture.completedFuture(HeadObjectResponse.builder().contentLength((long) bytes.length)
                        .build());
    }

    @Override
    public CompletableFuture<DeleteObjectResponse> deleteObject(DeleteObjectRequest request) {
        if (failingDeletes.contains(request.key())) {
            return CompletableFuture.failedFuture(internalError());
        }
        objects.remove(request.key());
        deleted.add(request.key());
        deleteOrder.add(request.key());
        return CompletableFuture.completedFuture(DeleteObjectResponse.builder().build());
    }

    // Object tagging (retention's tier tags). Kept together here so that other additions merge beside it.

    /** Every delete in the order it was made, for tests of what goes first. */
    public final List<String> deleteOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Keys whose delete fails like a 500. */
    public final Set<String> failingDeletes = ConcurrentHashMap.newKeySet();
    /** Each object's tag set, as the last PutObjectTagging left it. */
    public final Map<String, List<Tag>> tags = new ConcurrentHashMap<>();
    /** PutObjectTagging calls made, answered or not. */
    public final java.util.concurrent.atomic.AtomicInteger taggingCalls = new java.util.concurrent.atomic.AtomicInteger();
    /** Answer tagging like S3Proxy: 501 NotImplemented. */
    public volatile boolean taggingNotImplemented;

    @Override
    public CompletableFuture<PutObjectTaggingResponse> putObjectTagging(PutObjectTaggingRequest request) {
        taggingCalls.incrementAndGet();
        if (taggingNotImplemented) {
            return CompletableFuture.failedFuture(S3Exception.builder().statusCode(501)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NotImplemented")
                            .errorMessage("A header you provided implies functionality that is not implemented").build())
                    .build());
        }
        if (!objects.containsKey(request.key())) {
            return CompletableFuture.failedFuture(NoSuchKeyException.builder().statusCode(404).build());
        }
        tags.put(request.key(), List.copyOf(request.tagging().tagSet()));
        return CompletableFuture.completedFuture(PutObjectTaggingResponse.builder().build());
    }

    @Override
    public CompletableFuture<GetObjectTaggingResponse> getObjectTagging(GetObjectTaggingRequest request) {
        return CompletableFuture.completedFuture(GetObjectTaggingResponse.builder()
                .tagSet(tags.getOrDefault(request.key(), List.of())).build());
    }

    private static S3Exception internalError() {
        return (S3Exception) S3Exception.builder().message("We encountered an internal error. Please try again.")
                .statusCode(500).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
