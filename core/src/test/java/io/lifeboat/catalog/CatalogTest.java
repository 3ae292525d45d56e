package io.lifeboat.catalog;

import static io.lifeboat.catalog.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.ManifestFormatException;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.InMemoryObjectStore;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class CatalogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryObjectStore s3 = new InMemoryObjectStore();
    private final BucketLayout layout = new BucketLayout("backups", "prod");
    private final Catalog catalog = new Catalog(s3, layout);

    @Test
    void put_writesTheManifestAtItsKeyAsJson() {
        Manifest manifest = manifest("20261121T231500Z-r1234567");

        StepVerifier.create(catalog.put(manifest)).expectNext(manifest).expectComplete().verify(TIMEOUT);

        String key = "backups/prod/manifests/20261121T231500Z-r1234567.json";
        assertThat(s3.objects.get(key)).isEqualTo(ManifestCodec.write(manifest));
        assertThat(s3.contentTypes).containsEntry(key, "application/json");
    }

    @Test
    void put_idAlreadyTaken_commitsUnderTheNextFreeSecondAndLeavesTheFirstUntouched() {
        Manifest first = manifest("20261121T231500Z-r42", 10, List.of(), "first-object");
        Manifest second = manifest("20261121T231500Z-r42", 10, List.of(), "second-object");
        s3.objects.put("backups/prod/manifests/20261121T231501Z-r42.json", "taken too".getBytes(StandardCharsets.UTF_8));

        Manifest committedFirst = catalog.put(first).block(TIMEOUT);
        Manifest committedSecond = catalog.put(second).block(TIMEOUT);

        assertThat(committedFirst.id()).isEqualTo("20261121T231500Z-r42");
        assertThat(committedSecond.id()).isEqualTo("20261121T231502Z-r42");
        assertThat(committedSecond.object().key()).isEqualTo("second-object");
        assertThat(s3.objects.get("backups/prod/manifests/20261121T231500Z-r42.json"))
                .isEqualTo(ManifestCodec.write(first));
        assertThat(s3.objects.get("backups/prod/manifests/20261121T231502Z-r42.json"))
                .isEqualTo(ManifestCodec.write(second.withId("20261121T231502Z-r42")));
        assertThat(new String(s3.objects.get("backups/prod/manifests/20261121T231501Z-r42.json"),
                StandardCharsets.UTF_8)).isEqualTo("taken too");
    }

    // r10 sorts before r9 as text; the catalog must order by the parsed id.
    @Test
    void list_manyPages_givesEveryManifestOldestFirstByTimeThenRevision() {
        List<String> ids = List.of("20261121T231500Z-r9", "20261121T231500Z-r10", "20261120T080000Z-r5",
                "20261122T000000Z-r11", "20261121T231501Z-r8");
        ids.forEach(id -> store(manifest(id)));

        StepVerifier.create(catalog.list().map(Manifest::id))
                .expectNext("20261120T080000Z-r5", "20261121T231500Z-r9", "20261121T231500Z-r10",
                        "20261121T231501Z-r8", "20261122T000000Z-r11")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void list_ignoresObjectsThatAreNotManifestsAndOtherClusters() {
        store(manifest("20261121T231500Z-r9"));
        s3.objects.put("backups/prod/manifests/notes.txt", "not json".getBytes(StandardCharsets.UTF_8));
        s3.objects.put("backups/prod/manifests/latest.json", "not json".getBytes(StandardCharsets.UTF_8));
        s3.objects.put("backups/prod-eu/manifests/20261122T000000Z-r1.json", ManifestCodec.write(manifest("20261122T000000Z-r1")));

        StepVerifier.create(catalog.list().map(Manifest::id))
                .expectNext("20261121T231500Z-r9")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void list_corruptManifest_givesTheReadableOnesAround() {
        store(manifest("20261121T231500Z-r9"));
        s3.objects.put("backups/prod/manifests/20261121T231600Z-r10.json", bytes("{\"formatVersion\": 1"));
        store(manifest("20261121T231700Z-r11"));

        StepVerifier.create(catalog.list().map(Manifest::id))
                .expectNext("20261121T231500Z-r9", "20261121T231700Z-r11")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void entries_malformedEmptyFutureAndMisnamedManifests_areUnreadableEntriesWithTheirReasons() {
        store(manifest("20261121T231500Z-r9"));
        s3.objects.put(key("20261121T231600Z-r10"), bytes("{\"formatVersion\": 1"));
        s3.objects.put(key("20261121T231700Z-r11"), new byte[0]);
        s3.objects.put(key("20261121T231800Z-r12"), bytes("{\"formatVersion\": 99, \"id\": \"x\"}"));
        s3.objects.put(key("20261121T231900Z-r13"), ManifestCodec.write(manifest("20261121T231500Z-r9")));
        store(manifest("20261121T232000Z-r14"));

        List<CatalogEntry> entries = catalog.entries().collectList().block(TIMEOUT);

        assertThat(entries).extracting(e -> e.id().toString()).containsExactly("20261121T231500Z-r9",
                "20261121T231600Z-r10", "20261121T231700Z-r11", "20261121T231800Z-r12", "20261121T231900Z-r13",
                "20261121T232000Z-r14");
        assertThat(entries.get(0)).isInstanceOf(CatalogEntry.Readable.class);
        assertThat(entries.get(5)).isInstanceOf(CatalogEntry.Readable.class);
        assertThat(entries.subList(1, 5)).allSatisfy(e -> assertThat(e).isInstanceOf(CatalogEntry.Unreadable.class));
        assertThat(entries.subList(1, 5)).extracting(CatalogEntry::key).containsExactly(key("20261121T231600Z-r10"),
                key("20261121T231700Z-r11"), key("20261121T231800Z-r12"), key("20261121T231900Z-r13"));
        assertThat(entries.subList(1, 5)).extracting(e -> ((CatalogEntry.Unreadable) e).reason())
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("is not JSON").doesNotContain("\n"),
                        r -> assertThat(r).isEqualTo("is empty (0 bytes)"),
                        r -> assertThat(r).contains("format version 99").contains("upgrade lifeboat"),
                        r -> assertThat(r).contains("names snapshot 20261121T231500Z-r9")
                                .contains("20261121T231900Z-r13"));
    }

    @Test
    void entries_listingFails_failsAsAStoreError() {
        store(manifest("20261121T231500Z-r9"));
        s3.failListing = true;

        StepVerifier.create(catalog.entries())
                .expectError(StoreException.class)
                .verify(TIMEOUT);
    }

    @Test
    void ids_comeFromTheKeysWithoutReadingAManifest() {
        store(manifest("20261121T231500Z-r9"));
        s3.objects.put(key("20261121T231600Z-r10"), new byte[0]);
        s3.failingReads.add(key("20261121T231500Z-r9"));

        StepVerifier.create(catalog.ids())
                .expectNext(List.of(SnapshotId.parse("20261121T231500Z-r9"), SnapshotId.parse("20261121T231600Z-r10")))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void newest_newestManifestsUnreadable_isTheNewestReadableOne() {
        store(manifest("20261121T231500Z-r9"));
        store(manifest("20261121T231600Z-r10"));
        s3.objects.put(key("20261121T231700Z-r11"), bytes("not json"));
        s3.objects.put(key("20261121T231800Z-r12"), new byte[0]);

        StepVerifier.create(catalog.newest().map(Manifest::id))
                .expectNext("20261121T231600Z-r10")
                .expectComplete()
                .verify(TIMEOUT);
    }

    // A read of an older manifest would fail this test: newest() must stop at the first readable one.
    @Test
    void newest_readsNoManifestOlderThanTheAnswer() {
        store(manifest("20261121T231500Z-r9"));
        store(manifest("20261121T231600Z-r10"));
        s3.failingReads.add(key("20261121T231500Z-r9"));

        StepVerifier.create(catalog.newest().map(Manifest::id))
                .expectNext("20261121T231600Z-r10")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void newest_onlyUnreadableManifests_isEmpty() {
        s3.objects.put(key("20261121T231700Z-r11"), bytes("not json"));

        StepVerifier.create(catalog.newest()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void find_unreadableId_failsAsAFormatErrorNamingTheKey() {
        s3.objects.put(key("20261121T231700Z-r11"), new byte[0]);

        StepVerifier.create(catalog.find(SnapshotId.parse("20261121T231700Z-r11")))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(ManifestFormatException.class)
                        .hasMessageContaining("s3://lifeboat/" + key("20261121T231700Z-r11"))
                        .hasMessageContaining("empty"))
                .verify(TIMEOUT);
    }

    @Test
    void list_manifestReadFailsInTheStore_failsWithoutAPartialList() {
        store(manifest("20261121T231500Z-r9"));
        store(manifest("20261121T231600Z-r10"));
        s3.failingReads.add(layout.manifestKey(SnapshotId.parse("20261121T231600Z-r10")));

        StepVerifier.create(catalog.list())
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("20261121T231600Z-r10.json"))
                .verify(TIMEOUT);
    }

    @Test
    void newest_emptyBucket_isEmpty() {
        StepVerifier.create(catalog.newest()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void newest_isTheLatestSnapshot() {
        store(manifest("20261121T231500Z-r9"));
        store(manifest("20261121T231500Z-r10"));
        store(manifest("20261120T231500Z-r20"));

        StepVerifier.create(catalog.newest().map(Manifest::id))
                .expectNext("20261121T231500Z-r10")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void find_existingId_givesItsManifest() {
        Manifest manifest = manifest("20261121T231500Z-r9");
        store(manifest);

        StepVerifier.create(catalog.find(SnapshotId.parse("20261121T231500Z-r9")))
                .expectNext(manifest)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void find_unknownId_isEmpty() {
        StepVerifier.create(catalog.find(SnapshotId.parse("20261121T231500Z-r9"))).expectComplete().verify(TIMEOUT);
    }

    private String key(String id) {
        return layout.manifestKey(SnapshotId.parse(id));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void entries_again_readsOnlyNewOrChangedManifests_andForgetsDeletedOnes() {
        List.of("20261121T000000Z-r1", "20261121T001500Z-r2", "20261121T003000Z-r3").forEach(id -> store(manifest(id)));
        assertThat(catalog.entries().collectList().block(TIMEOUT)).hasSize(3);
        int coldReads = s3.reads.get();

        store(manifest("20261121T004500Z-r4"));
        store(manifest("20261121T000000Z-r1", 2000, List.of("daily"), "backups/prod/snapshots/x.db.zst"));
        s3.objects.remove(layout.manifestKey(SnapshotId.parse("20261121T001500Z-r2")));
        List<Manifest> warm = catalog.list().collectList().block(TIMEOUT);

        assertThat(coldReads).isEqualTo(3);
        assertThat(s3.reads.get() - coldReads).as("one new manifest, one rewritten (new ETag)").isEqualTo(2);
        assertThat(warm).extracting(Manifest::id)
                .containsExactly("20261121T000000Z-r1", "20261121T003000Z-r3", "20261121T004500Z-r4");
        assertThat(warm.get(0).tiers()).containsExactly("daily");
        assertThat(catalog.cachedManifests()).isEqualTo(3);
    }

    private void store(Manifest manifest) {
        s3.objects.put(layout.manifestKey(SnapshotId.parse(manifest.id())), ManifestCodec.write(manifest));
    }
}
