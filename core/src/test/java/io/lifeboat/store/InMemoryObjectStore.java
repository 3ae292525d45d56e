package io.lifeboat.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * An {@link ObjectStore} in memory, for unit tests: it passes the same contract test as the
 * real stores ({@code InMemoryObjectStoreTest}), plus the faults a test needs to inject. Public
 * fields are the bucket's state and the knobs; listings come in pages of {@link #PAGE_SIZE}, and
 * a failing listing fails after its first page, as a real one that breaks mid-way would.
 */
public final class InMemoryObjectStore implements ObjectStore {

    public static final int PAGE_SIZE = 2;

    public final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    public final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    /** Last-modified times listings report; a key without one is listed without a time. */
    public final Map<String, Instant> lastModified = new ConcurrentHashMap<>();
    public final Map<String, String> storageClasses = new ConcurrentHashMap<>();
    /** Archived objects (GLACIER, DEEP_ARCHIVE) and their thaw state; absent = readable. */
    public final Map<String, ObjectHead.Archive> archive = new ConcurrentHashMap<>();
    public final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    public final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    public final List<LifecycleRule> lifecycle = new CopyOnWriteArrayList<>();
    /** Keys whose reads fail like a 500. */
    public final Set<String> failingReads = ConcurrentHashMap.newKeySet();
    /** Keys whose delete fails like a 500. */
    public final Set<String> failingDeletes = ConcurrentHashMap.newKeySet();
    public final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Every delete in the order it was made, for tests of what goes first. */
    public final List<String> deleteOrder = new CopyOnWriteArrayList<>();
    /** Whole-object reads (getBytes and stream). */
    public final AtomicInteger reads = new AtomicInteger();
    /** Tag replacements asked for, answered or not. */
    public final AtomicInteger taggingCalls = new AtomicInteger();
    public volatile boolean failListing;
    /** Answer tagging, lifecycle and thaws like S3Proxy: not implemented. */
    public volatile boolean taggingNotImplemented;
    public volatile boolean lifecycleNotImplemented;

    /** A multipart upload in progress. */
    public record Upload(String key, Instant initiated, String storageClass, Map<Integer, byte[]> parts) {
    }

    @Override
    public String bucket() {
        return "lifeboat";
    }

    @Override
    public String describe() {
        return "s3://lifeboat (in memory)";
    }

    @Override
    public Mono<Void> putBytes(String key, byte[] bytes, String contentType) {
        return Mono.fromRunnable(() -> store(key, bytes.clone(), contentType, "STANDARD"));
    }

    @Override
    public Mono<Boolean> putBytesIfAbsent(String key, byte[] bytes, String contentType) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                if (objects.containsKey(key)) {
                    return false;
                }
                store(key, bytes.clone(), contentType, "STANDARD");
                return true;
            }
        });
    }

    private void store(String key, byte[] bytes, String contentType, String storageClass) {
        objects.put(key, bytes);
        contentTypes.put(key, contentType);
        storageClasses.put(key, storageClass);
        lastModified.putIfAbsent(key, Instant.now());
        tags.remove(key);
    }

    @Override
    public Mono<byte[]> getBytes(String key) {
        return Mono.defer(() -> {
            reads.incrementAndGet();
            if (failingReads.contains(key)) {
                return Mono.error(failure("cannot read " + key));
            }
            byte[] bytes = objects.get(key);
            return bytes == null ? Mono.empty() : Mono.just(bytes.clone());
        });
    }

    @Override
    public Mono<Boolean> exists(String key) {
        return Mono.fromCallable(() -> objects.containsKey(key));
    }

    @Override
    public Mono<ObjectHead> head(String key) {
        return Mono.fromCallable(() -> {
            byte[] bytes = objects.get(key);
            return bytes == null ? null : new ObjectHead(key, bytes.length, etag(bytes),
                    storageClasses.getOrDefault(key, "STANDARD"), archive.getOrDefault(key, ObjectHead.Archive.NONE));
        });
    }

    @Override
    public Flux<ByteBuffer> stream(String key) {
        return Flux.defer(() -> {
            reads.incrementAndGet();
            byte[] bytes = objects.get(key);
            if (bytes == null) {
                return Flux.error(new ObjectNotFoundException("object " + key + " is not in " + describe(), null));
            }
            if (failingReads.contains(key)) {
                return Flux.error(failure("cannot read " + key));
            }
            if (!archive.getOrDefault(key, ObjectHead.Archive.NONE).readable()) {
                return Flux.error(new StoreException("cannot read " + key + " in " + describe()
                        + ": InvalidObjectState (archived)", null));
            }
            List<ByteBuffer> chunks = new ArrayList<>();
            for (int at = 0; at < bytes.length; at += 64 * 1024) {
                chunks.add(ByteBuffer.wrap(bytes, at, Math.min(64 * 1024, bytes.length - at)).slice().asReadOnlyBuffer());
            }
            return Flux.fromIterable(chunks);
        });
    }

    @Override
    public Flux<StoredObject> list(String prefix) {
        return Flux.defer(() -> {
            List<StoredObject> matching = new TreeMap<>(objects).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .map(e -> new StoredObject(e.getKey(), e.getValue().length, lastModified.get(e.getKey()),
                            etag(e.getValue())))
                    .toList();
            if (failListing) {
                return Flux.fromIterable(matching.subList(0, Math.min(PAGE_SIZE, matching.size())))
                        .concatWith(Mono.error(failure("cannot list " + prefix)));
            }
            return Flux.fromIterable(matching);
        });
    }

    @Override
    public Mono<Void> delete(String key) {
        return Mono.defer(() -> {
            if (failingDeletes.contains(key)) {
                return Mono.error(failure("cannot delete " + key));
            }
            objects.remove(key);
            tags.remove(key);
            deleted.add(key);
            deleteOrder.add(key);
            return Mono.empty();
        });
    }

    @Override
    public Mono<Boolean> replaceTags(String key, Map<String, String> tagSet) {
        return Mono.defer(() -> {
            taggingCalls.incrementAndGet();
            if (taggingNotImplemented) {
                return Mono.just(false);
            }
            if (!objects.containsKey(key)) {
                return Mono.error(failure("cannot tag " + key + ": NoSuchKey"));
            }
            tags.put(key, Map.copyOf(tagSet));
            return Mono.just(true);
        });
    }

    @Override
    public Mono<Map<String, String>> tags(String key) {
        return Mono.defer(() -> {
            if (taggingNotImplemented) {
                return Mono.error(new StoreFeatureUnsupportedException(describe() + " does not implement object"
                        + " tagging (NotImplemented)", null));
            }
            if (!objects.containsKey(key)) {
                return Mono.error(failure("cannot read the tags of " + key + ": NoSuchKey"));
            }
            return Mono.just(tags.getOrDefault(key, Map.of()));
        });
    }

    @Override
    public Mono<String> startUpload(String key, String contentType, String storageClass, ChecksumMode checksum) {
        return Mono.fromCallable(() -> {
            String id = UUID.randomUUID().toString();
            uploads.put(id, new Upload(key, Instant.now(), storageClass, new ConcurrentHashMap<>()));
            return id;
        });
    }

    @Override
    public Mono<PartReceipt> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body, ChecksumMode mode,
                                        String checksum) {
        return Mono.fromCallable(() -> {
            Upload upload = uploads.get(uploadId);
            if (upload == null || !upload.key().equals(key)) {
                throw failure("cannot upload part " + partNumber + " of " + key + ": NoSuchUpload");
            }
            ByteBuffer copy = body.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            String computed = mode.compute(bytes, 0, bytes.length);
            if (mode != ChecksumMode.NONE && !computed.equals(checksum)) {
                throw failure("part " + partNumber + " of " + key + ": BadDigest");
            }
            upload.parts().put(partNumber, bytes);
            return new PartReceipt(etag(bytes), mode == ChecksumMode.NONE ? null : computed);
        });
    }

    @Override
    public Mono<Long> completeUpload(String key, String uploadId, List<UploadedPart> parts, ChecksumMode mode) {
        return Mono.fromCallable(() -> {
            Upload upload = uploads.remove(uploadId);
            if (upload == null) {
                throw failure("cannot complete the upload of " + key + ": NoSuchUpload");
            }
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            for (UploadedPart part : parts) {
                byte[] bytes = upload.parts().get(part.number());
                if (bytes == null || !etag(bytes).equals(part.etag())) {
                    throw failure("cannot complete the upload of " + key + ": InvalidPart " + part.number());
                }
                whole.writeBytes(bytes);
            }
            store(key, whole.toByteArray(), "application/zstd", upload.storageClass());
            return (long) whole.size();
        });
    }

    @Override
    public Mono<Void> abortUpload(String key, String uploadId) {
        return Mono.fromRunnable(() -> uploads.remove(uploadId));
    }

    @Override
    public Flux<IncompleteUpload> incompleteUploads(String prefix) {
        return Flux.defer(() -> Flux.fromIterable(uploads.entrySet().stream()
                .filter(e -> e.getValue().key().startsWith(prefix))
                .map(e -> new IncompleteUpload(e.getValue().key(), e.getKey(), e.getValue().initiated()))
                .sorted(java.util.Comparator.comparing(IncompleteUpload::key))
                .toList()));
    }

    @Override
    public Mono<List<LifecycleRule>> lifecycleRules() {
        return lifecycleNotImplemented ? Mono.error(lifecycleUnsupported()) : Mono.fromCallable(() -> List.copyOf(lifecycle));
    }

    @Override
    public Mono<Void> replaceLifecycleRules(List<LifecycleRule> rules) {
        return lifecycleNotImplemented ? Mono.error(lifecycleUnsupported()) : Mono.fromRunnable(() -> {
            synchronized (lifecycle) {
                lifecycle.clear();
                lifecycle.addAll(rules);
            }
        });
    }

    private StoreFeatureUnsupportedException lifecycleUnsupported() {
        return new StoreFeatureUnsupportedException(describe() + " does not implement lifecycle configuration"
                + " (NotImplemented)", null);
    }

    /** A thaw completes at once here: the next head says THAWED. */
    @Override
    public Mono<Void> requestThaw(String key, int days) {
        return Mono.defer(() -> {
            if (!objects.containsKey(key)) {
                return Mono.error(failure("cannot request a thaw of " + key + ": NoSuchKey"));
            }
            archive.computeIfPresent(key, (k, state) -> ObjectHead.Archive.THAWED);
            return Mono.empty();
        });
    }

    @Override
    public void close() {
    }

    private static String etag(byte[] bytes) {
        return "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "-" + bytes.length + "\"";
    }

    private StoreException failure(String what) {
        return new StoreException(what + " in " + describe() + ": We encountered an internal error", null);
    }
}
