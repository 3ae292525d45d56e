package io.lifeboat.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * What lifeboat needs of an object store, and nothing more: the port every bucket user (catalog,
 * retention, uploader, download, lifecycle, sweeps) talks to. {@link S3ObjectStore} is the
 * implementation; tests use an in-memory one, and one contract test runs against both and real
 * servers (S3Mock, S3Proxy, LocalStack where Docker exists).
 *
 * <p>Every failure is a {@link StoreException} naming the bucket and key;
 * {@link StoreFeatureUnsupportedException} when the store lacks a feature (tagging, lifecycle,
 * archive thaws: S3Proxy answers NotImplemented), so callers can go on without it.
 *
 * <p>Lifecycle rules are the AWS SDK's value type {@link LifecycleRule}, not a port-owned one: the
 * bucket's rules for other prefixes are written back exactly as read, whatever features they use,
 * and a copy into a smaller type would drop what it does not know.
 */
public interface ObjectStore extends AutoCloseable {

    /** The bucket's name. */
    String bucket();

    /** For messages: bucket and endpoint, never credentials. */
    String describe();

    // Small whole objects (manifests)

    Mono<Void> putBytes(String key, byte[] bytes, String contentType);

    /**
     * Writes the object only if no object has the key.
     *
     * @return true if written, false if the key was already taken
     */
    Mono<Boolean> putBytesIfAbsent(String key, byte[] bytes, String contentType);

    /** The object's bytes, or empty if there is no such key. */
    Mono<byte[]> getBytes(String key);

    /** Whether an object has the key. */
    Mono<Boolean> exists(String key);

    /** Size, ETag, storage class and archive state; empty if there is no such key. */
    Mono<ObjectHead> head(String key);

    /**
     * The object's bytes in order, with backpressure, resumed where a broken connection left off
     * (same object version, each byte once). {@link ObjectNotFoundException} if there is no such key.
     */
    Flux<ByteBuffer> stream(String key);

    /**
     * Every object under {@code prefix}, in key order, all pages. A failure of any page fails the
     * whole listing: a caller collecting it never acts on part of it.
     */
    Flux<StoredObject> list(String prefix);

    /** Deletes the key; deleting a missing key succeeds. */
    Mono<Void> delete(String key);

    // Tags

    /**
     * Replaces the object's whole tag set.
     *
     * @return false, without an error, when the store does not implement object tagging
     */
    Mono<Boolean> replaceTags(String key, Map<String, String> tags);

    /** The object's tags; {@link StoreFeatureUnsupportedException} without tagging support. */
    Mono<Map<String, String>> tags(String key);

    // Multipart uploads: the steps; MultipartUploader holds the policy (parts, retries, aborts)

    /** @return the upload id */
    Mono<String> startUpload(String key, String contentType, String storageClass, ChecksumMode checksum);

    /**
     * Sends one part; {@code checksum} (of {@code mode}) goes with it for the store to verify.
     * The buffer is not touched by the caller until this completes.
     */
    Mono<PartReceipt> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body, ChecksumMode mode,
                                 String checksum);

    /**
     * Completes the upload from its parts, in order.
     *
     * @return the size the store reports for the object it assembled
     */
    Mono<Long> completeUpload(String key, String uploadId, List<UploadedPart> parts, ChecksumMode mode);

    /** Aborts the upload; an upload the store no longer knows counts as aborted. */
    Mono<Void> abortUpload(String key, String uploadId);

    /**
     * Uploads started and neither completed nor aborted under {@code prefix}, all pages;
     * {@link StoreFeatureUnsupportedException} when the store cannot list them.
     */
    Flux<IncompleteUpload> incompleteUploads(String prefix);

    // Bucket lifecycle configuration

    /** The bucket's rules; empty when it has no lifecycle configuration. */
    Mono<List<LifecycleRule>> lifecycleRules();

    /** Replaces the bucket's whole lifecycle configuration; an empty list removes it. */
    Mono<Void> replaceLifecycleRules(List<LifecycleRule> rules);

    // Archived objects (GLACIER, DEEP_ARCHIVE)

    /**
     * Asks the store to make an archived object readable for {@code days} (S3 RestoreObject).
     * A thaw already in progress is not an error.
     */
    Mono<Void> requestThaw(String key, int days);

    /** Releases the store's connections. */
    @Override
    void close();
}
