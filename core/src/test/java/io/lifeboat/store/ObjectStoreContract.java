package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * What every {@link ObjectStore} must do for lifeboat, written once and run against each store:
 * the in-memory fake ({@code InMemoryObjectStoreTest}), S3Mock ({@code S3MockObjectStoreIT}),
 * S3Proxy ({@code S3ProxyObjectStoreIT}) and LocalStack where a Docker engine exists
 * ({@code LocalStackObjectStoreIT}). A store declares what it lacks ({@link Features}); for a
 * missing feature the contract is the documented refusal (tags: {@code false};
 * lifecycle: {@link StoreFeatureUnsupportedException}), never a silent success.
 *
 * <p>Each test works under its own random prefix, so one bucket serves the whole class; the
 * lifecycle tests put the bucket's configuration back as they found it.
 */
abstract class ObjectStoreContract {

    /** What the store under test implements. */
    record Features(boolean tagging, boolean lifecycle, ChecksumMode checksum) {
    }

    /** S3's smallest part that is not the last one. */
    static final int MIN_PART = 5 * 1024 * 1024;

    /** The store under test, listing in pages small enough that the listings below cross pages. */
    abstract ObjectStore store();

    abstract Features features();

    private String prefix;

    @BeforeEach
    void freshPrefix() {
        prefix = "contract-" + UUID.randomUUID() + "/";
    }

    @AfterEach
    void cleanUp() {
        List<StoredObject> left = store().list(prefix).collectList().block();
        for (StoredObject object : left) {
            store().delete(object.key()).block();
        }
        for (IncompleteUpload upload : store().incompleteUploads(prefix).collectList().block()) {
            store().abortUpload(upload.key(), upload.uploadId()).block();
        }
    }

    // Whole objects

    @Test
    void putBytes_thenGetBytes_returnsTheSameBytes() {
        byte[] bytes = text("{\"id\":\"a\"}");

        store().putBytes(key("m/a.json"), bytes, "application/json").block();

        assertThat(store().getBytes(key("m/a.json")).block()).isEqualTo(bytes);
    }

    @Test
    void putBytes_sameKeyTwice_overwrites() {
        store().putBytes(key("m/a.json"), text("first"), "application/json").block();
        store().putBytes(key("m/a.json"), text("second"), "application/json").block();

        assertThat(store().getBytes(key("m/a.json")).block()).isEqualTo(text("second"));
    }

    @Test
    void getBytes_missingKey_isEmptyNotAnError() {
        assertThat(store().getBytes(key("nothing-here")).blockOptional()).isEmpty();
    }

    @Test
    void putBytesIfAbsent_keyTaken_refusesAndKeepsTheFirstObject() {
        Boolean first = store().putBytesIfAbsent(key("m/once.json"), text("first"), "application/json").block();
        Boolean second = store().putBytesIfAbsent(key("m/once.json"), text("second"), "application/json").block();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store().getBytes(key("m/once.json")).block()).isEqualTo(text("first"));
    }

    @Test
    void exists_tellsPresentFromMissing() {
        store().putBytes(key("here"), text("x"), "text/plain").block();

        assertThat(store().exists(key("here")).block()).isTrue();
        assertThat(store().exists(key("not-here")).block()).isFalse();
    }

    @Test
    void head_givesSizeEtagAndAReadableStandardObject_andNothingForAMissingKey() {
        byte[] bytes = randomBytes(1234, 1);
        store().putBytes(key("h"), bytes, "application/octet-stream").block();

        ObjectHead head = store().head(key("h")).block();

        assertThat(head).isNotNull();
        assertThat(head.key()).isEqualTo(key("h"));
        assertThat(head.sizeBytes()).isEqualTo(1234);
        assertThat(head.etag()).isNotBlank();
        assertThat(head.storageClass()).isEqualTo("STANDARD");
        assertThat(head.archive()).isEqualTo(ObjectHead.Archive.NONE);
        assertThat(store().head(key("missing")).blockOptional()).isEmpty();
    }

    @Test
    void stream_givesEveryByteInOrder() {
        byte[] bytes = randomBytes(3 * 1024 * 1024 + 17, 2);
        store().putBytes(key("big"), bytes, "application/octet-stream").block();

        assertThat(concat(store().stream(key("big")).collectList().block())).isEqualTo(bytes);
    }

    @Test
    void stream_missingKey_failsWithObjectNotFound() {
        assertThatThrownBy(() -> store().stream(key("missing")).blockLast())
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining(key("missing"));
    }

    @Test
    void delete_removesTheObject_andDeletingAMissingKeySucceeds() {
        store().putBytes(key("d"), text("x"), "text/plain").block();

        store().delete(key("d")).block();
        store().delete(key("never-was")).block();

        assertThat(store().exists(key("d")).block()).isFalse();
    }

    // Listings

    @Test
    void list_givesEveryKeyUnderThePrefix_inKeyOrder_acrossPages() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            keys.add(key("l/" + (char) ('g' - i) + ".json"));
        }
        for (String k : keys) {
            store().putBytes(k, text(k), "application/json").block();
        }
        store().putBytes(key("lx/outside.json"), text("other folder"), "application/json").block();

        List<StoredObject> listed = store().list(key("l/")).collectList().block();

        assertThat(listed).extracting(StoredObject::key).containsExactlyElementsOf(keys.stream().sorted().toList());
        assertThat(listed).allSatisfy(o -> {
            assertThat(o.sizeBytes()).isEqualTo(text(o.key()).length);
            assertThat(o.etag()).isNotBlank();
            assertThat(o.lastModified()).isNotNull();
        });
    }

    @Test
    void list_etag_isTheHeadsEtag() {
        store().putBytes(key("e"), text("etag me"), "text/plain").block();

        StoredObject listed = store().list(key("e")).blockFirst();

        assertThat(listed.etag()).isEqualTo(store().head(key("e")).block().etag());
    }

    @Test
    void list_emptyPrefix_isEmpty() {
        assertThat(store().list(key("nothing/")).collectList().block()).isEmpty();
    }

    // Tags

    @Test
    void replaceTags_replacesTheWholeSet_orSaysTheStoreHasNoTagging() {
        store().putBytes(key("t"), text("x"), "text/plain").block();

        Boolean first = store().replaceTags(key("t"), Map.of("lifeboat-tier", "daily", "other", "1")).block();
        Boolean second = store().replaceTags(key("t"), Map.of("lifeboat-tier", "monthly")).block();

        if (features().tagging()) {
            assertThat(first).isTrue();
            assertThat(second).isTrue();
            assertThat(store().tags(key("t")).block()).containsExactly(Map.entry("lifeboat-tier", "monthly"));
        } else {
            assertThat(first).isFalse();
            assertThat(second).isFalse();
            assertThatThrownBy(() -> store().tags(key("t")).block())
                    .isInstanceOf(StoreFeatureUnsupportedException.class);
        }
    }

    // Multipart uploads

    @Test
    void multipart_partsInOrder_makeOneObject_ofTheReportedSize() {
        ChecksumMode mode = features().checksum();
        byte[] one = randomBytes(MIN_PART, 3);
        byte[] two = randomBytes(1000, 4);
        String k = key("s/snap.db.zst");

        String uploadId = store().startUpload(k, "application/zstd", "STANDARD", mode).block();
        UploadedPart p1 = part(k, uploadId, 1, one, mode);
        UploadedPart p2 = part(k, uploadId, 2, two, mode);
        Long size = store().completeUpload(k, uploadId, List.of(p1, p2), mode).block();

        assertThat(size).isEqualTo(one.length + two.length);
        assertThat(concat(store().stream(k).collectList().block())).isEqualTo(concat(List.of(
                ByteBuffer.wrap(one), ByteBuffer.wrap(two))));
        assertThat(store().incompleteUploads(key("s/")).collectList().block()).isEmpty();
    }

    @Test
    void multipart_partChecksum_isEchoedByAStoreThatChecksIt() {
        ChecksumMode mode = features().checksum();
        byte[] bytes = randomBytes(2048, 5);
        String k = key("c/one-part.zst");

        String uploadId = store().startUpload(k, "application/zstd", "STANDARD", mode).block();
        PartReceipt receipt = store().uploadPart(k, uploadId, 1, ByteBuffer.wrap(bytes), mode,
                mode.compute(bytes, 0, bytes.length)).block();

        assertThat(receipt.etag()).isNotBlank();
        if (mode != ChecksumMode.NONE) {
            assertThat(receipt.checksum()).isEqualTo(mode.compute(bytes, 0, bytes.length));
        }
        store().abortUpload(k, uploadId).block();
    }

    @Test
    void incompleteUploads_listsStartedUploads_untilAborted_acrossPages() {
        ChecksumMode mode = features().checksum();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store().startUpload(key("u/" + i + ".zst"), "application/zstd", "STANDARD", mode).block());
        }

        List<IncompleteUpload> started = store().incompleteUploads(key("u/")).collectList().block();
        for (IncompleteUpload upload : started) {
            store().abortUpload(upload.key(), upload.uploadId()).block();
        }

        assertThat(started).extracting(IncompleteUpload::uploadId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(started).allSatisfy(u -> assertThat(u.initiated()).isNotNull());
        assertThat(store().incompleteUploads(key("u/")).collectList().block()).isEmpty();
        assertThat(store().list(key("u/")).collectList().block()).as("an aborted upload leaves no object").isEmpty();
    }

    @Test
    void abortUpload_ofAnUploadTheStoreNoLongerKnows_counts_asAborted() {
        String k = key("a/gone.zst");
        String uploadId = store().startUpload(k, "application/zstd", "STANDARD", features().checksum()).block();
        store().abortUpload(k, uploadId).block();

        store().abortUpload(k, uploadId).block();

        assertThat(store().incompleteUploads(key("a/")).collectList().block()).isEmpty();
        assertThat(store().exists(k).block()).isFalse();
    }

    @Test
    void completeUpload_ofAnUnknownUpload_fails_andLeavesNoObject() {
        String k = key("x/never.zst");

        assertThatThrownBy(() -> store().completeUpload(k, "no-such-upload",
                List.of(new UploadedPart(1, 3, null, "\"0\"")), features().checksum()).block())
                .isInstanceOf(StoreException.class).hasMessageContaining(k);
        assertThat(store().exists(k).block()).isFalse();
    }

    // Lifecycle

    @Test
    void lifecycleRules_roundTrip_keepsRuleIdPrefixAndTransition_orSaysTheStoreHasNone() {
        if (!features().lifecycle()) {
            assertThatThrownBy(() -> store().lifecycleRules().block())
                    .isInstanceOf(StoreFeatureUnsupportedException.class);
            assertThatThrownBy(() -> store().replaceLifecycleRules(List.of(rule("contract-x", "x/"))).block())
                    .isInstanceOf(StoreFeatureUnsupportedException.class);
            return;
        }
        List<LifecycleRule> before = store().lifecycleRules().block();
        try {
            LifecycleRule ours = rule("contract-" + UUID.randomUUID(), prefix);
            List<LifecycleRule> written = new ArrayList<>(before);
            written.add(ours);

            store().replaceLifecycleRules(written).block();
            List<LifecycleRule> read = store().lifecycleRules().block();

            assertThat(read).extracting(LifecycleRule::id).containsExactlyInAnyOrderElementsOf(
                    written.stream().map(LifecycleRule::id).toList());
            LifecycleRule back = read.stream().filter(r -> r.id().equals(ours.id())).findFirst().orElseThrow();
            assertThat(back.filter().prefix()).isEqualTo(prefix);
            assertThat(back.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);
        } finally {
            store().replaceLifecycleRules(before).block();
        }
        assertThat(store().lifecycleRules().block()).isEqualTo(before);
    }

    @Test
    void replaceLifecycleRules_empty_removesTheConfiguration() {
        if (!features().lifecycle()) {
            assertThatThrownBy(() -> store().replaceLifecycleRules(List.of()).block())
                    .isInstanceOf(StoreFeatureUnsupportedException.class);
            return;
        }
        List<LifecycleRule> before = store().lifecycleRules().block();
        try {
            store().replaceLifecycleRules(List.of(rule("contract-empty", prefix))).block();

            store().replaceLifecycleRules(List.of()).block();

            assertThat(store().lifecycleRules().block()).isEmpty();
        } finally {
            store().replaceLifecycleRules(before).block();
        }
    }

    // Helpers

    private UploadedPart part(String k, String uploadId, int number, byte[] bytes, ChecksumMode mode) {
        String checksum = mode.compute(bytes, 0, bytes.length);
        PartReceipt receipt = store().uploadPart(k, uploadId, number, ByteBuffer.wrap(bytes), mode, checksum).block();
        return new UploadedPart(number, bytes.length, mode == ChecksumMode.NONE ? null : checksum, receipt.etag());
    }

    private String key(String name) {
        return prefix + name;
    }

    private static LifecycleRule rule(String id, String prefix) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix(prefix))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1))
                .build();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(List<ByteBuffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer buffer : buffers) {
            ByteBuffer b = buffer.duplicate();
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }
}
