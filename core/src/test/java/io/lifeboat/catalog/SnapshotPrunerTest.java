package io.lifeboat.catalog;

import static io.lifeboat.catalog.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.InMemoryObjectStore;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class SnapshotPrunerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final RetentionPolicy LAST_ONE = new RetentionPolicy(1, 0, 0, 0, 0, 0, ZoneOffset.UTC);

    private final InMemoryObjectStore s3 = new InMemoryObjectStore();
    private final BucketLayout layout = new BucketLayout("backups", "prod");
    private final ObjectStore store = s3;
    private final Catalog catalog = new Catalog(store, layout);
    private final SnapshotPruner pruner = new SnapshotPruner(store, layout);

    private final String objectA = object("20261101T100000Z", "aaaa");
    private final String objectB = object("20261102T100000Z", "bbbb");
    private final String objectC = object("20261103T100000Z", "cccc");

    @Test
    void prune_deletesPrunedManifestsAndTheirObjects_butNoObjectAKeptOrUnreadableManifestMayReference() {
        snapshot("20261101T100000Z-r1", objectA);
        snapshot("20261102T100000Z-r2", objectB);
        snapshot("20261103T100000Z-r3", objectC);
        // Unreadable, named by the second objectC's upload started in: it may be the manifest that commits objectC.
        s3.objects.put(layout.manifestKey(SnapshotId.parse("20261103T100000Z-r4")), new byte[0]);
        snapshot("20261104T100000Z-r5", objectA);
        List<CatalogEntry> entries = catalog.entries().collectList().block(TIMEOUT);
        Decision decision = CatalogRetention.decide(entries, NOW, LAST_ONE);

        StepVerifier.create(pruner.prune(entries, decision))
                .assertNext(pruned -> {
                    assertThat(pruned).extracting(p -> p.id().toString())
                            .containsExactly("20261103T100000Z-r3", "20261102T100000Z-r2", "20261101T100000Z-r1");
                    assertThat(pruned.get(0).objectKeptBecause()).hasValueSatisfying(
                            why -> assertThat(why).contains("unreadable manifest"));
                    assertThat(pruned.get(1).objectKeptBecause()).isEmpty();
                    assertThat(pruned.get(2).objectKeptBecause()).hasValue("kept snapshot 20261104T100000Z-r5 references it");
                })
                .verifyComplete();

        assertThat(s3.objects.keySet()).containsExactlyInAnyOrder(objectA, objectC,
                layout.manifestKey(SnapshotId.parse("20261103T100000Z-r4")),
                layout.manifestKey(SnapshotId.parse("20261104T100000Z-r5")));
    }

    @Test
    void prune_refusedDecision_deletesNothing() {
        snapshot("20261101T100000Z-r1", objectA);
        snapshot("20261102T100000Z-r2", objectB);
        List<CatalogEntry> entries = catalog.entries().collectList().block(TIMEOUT);
        Decision refused = CatalogRetention.decide(entries, NOW, new RetentionPolicy(0, 0, 0, 0, 0, 0, ZoneOffset.UTC));
        int before = s3.objects.size();

        StepVerifier.create(pruner.prune(entries, refused))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PruneRefusedException.class)
                        .hasMessageContaining("nothing pruned", "every one of the 2"))
                .verify(TIMEOUT);
        assertThat(s3.objects).hasSize(before);
    }

    private void snapshot(String id, String objectKey) {
        s3.objects.put(objectKey, new byte[] {1});
        s3.objects.put(layout.manifestKey(SnapshotId.parse(id)), ManifestCodec.write(manifest(id, 1, List.of(), objectKey)));
    }

    private String object(String time, String tag) {
        return layout.snapshotKey(SnapshotId.parse(time + "-r0").time(), tag);
    }
}
