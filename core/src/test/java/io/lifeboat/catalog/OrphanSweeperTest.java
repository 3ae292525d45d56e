package io.lifeboat.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.InMemoryObjectStore;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrphanSweeperTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private final InMemoryObjectStore s3 = new InMemoryObjectStore();
    private final BucketLayout layout = new BucketLayout("backups", "prod");
    private final ObjectStore store = s3;
    private final Catalog catalog = new Catalog(store, layout);
    private final OrphanSweeper sweeper = new OrphanSweeper(store, catalog);

    @Test
    void sweep_deletesOldUnreferencedObjectsOnly() {
        String referenced = snapshot("20261121T100000Z", "aaaa1111", Duration.ofHours(26));
        manifest("20261121T100000Z-r10", referenced);
        String old = snapshot("20261121T110000Z", "bbbb2222", Duration.ofHours(25));
        String young = snapshot("20261122T115000Z", "cccc3333", Duration.ofMinutes(10));

        OrphanSweeper.Sweep sweep = sweeper.sweep(NOW, HOUR).block(TIMEOUT);

        assertThat(sweep.orphans()).extracting(Orphan::key).containsExactly(old);
        assertThat(sweep.deleted()).extracting(Orphan::key).containsExactly(old);
        assertThat(sweep.orphans().get(0).age(NOW)).isEqualTo(Duration.ofHours(25));
        assertThat(s3.deleted).containsExactly(old);
        assertThat(s3.objects).containsKeys(referenced, young);
    }

    @Test
    void sweep_keepsObjectsStartedInTheSecondOfAnUnreadableManifest() {
        String maybeReferenced = snapshot("20261121T100000Z", "aaaa1111", Duration.ofHours(26));
        s3.objects.put(layout.manifestKey(SnapshotId.parse("20261121T100000Z-r10")),
                "{ not json".getBytes(StandardCharsets.UTF_8));
        String orphan = snapshot("20261121T100001Z", "bbbb2222", Duration.ofHours(26));

        OrphanSweeper.Sweep sweep = sweeper.sweep(NOW, HOUR).block(TIMEOUT);

        assertThat(sweep.unreadableManifests()).isEqualTo(1);
        assertThat(sweep.deleted()).extracting(Orphan::key).containsExactly(orphan);
        assertThat(s3.objects).containsKey(maybeReferenced);
    }

    @Test
    void sweep_manifestListingFails_deletesNothing() {
        snapshot("20261121T110000Z", "bbbb2222", Duration.ofHours(25));
        s3.failListing = true;

        assertThatThrownBy(() -> sweeper.sweep(NOW, HOUR).block(TIMEOUT)).isInstanceOf(StoreException.class);
        assertThat(s3.deleted).isEmpty();
    }

    @Test
    void sweep_aManifestReadFails_deletesNothing() {
        manifest("20261121T100000Z-r10", snapshot("20261121T100000Z", "aaaa1111", Duration.ofHours(26)));
        snapshot("20261121T110000Z", "bbbb2222", Duration.ofHours(25));
        s3.failingReads.add(layout.manifestKey(SnapshotId.parse("20261121T100000Z-r10")));

        assertThatThrownBy(() -> sweeper.sweep(NOW, HOUR).block(TIMEOUT)).isInstanceOf(StoreException.class);
        assertThat(s3.deleted).isEmpty();
    }

    @Test
    void find_leavesKeysNotShapedLikeSnapshotsAndObjectsWithoutATime() {
        String foreign = layout.snapshotsPrefix() + "notes/readme.txt";
        s3.objects.put(foreign, new byte[1]);
        s3.lastModified.put(foreign, NOW.minus(Duration.ofDays(9)));
        String undated = layout.snapshotsPrefix() + "2026/11/21/20261121T110000Z-bbbb2222.db.zst";
        s3.objects.put(undated, new byte[1]);

        assertThat(sweeper.find(List.of(), NOW, HOUR).block(TIMEOUT)).isEmpty();
    }

    @Test
    void find_zeroAge_isRefused() {
        assertThatThrownBy(() -> sweeper.find(List.of(), NOW, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    private String snapshot(String time, String tag, Duration age) {
        String key = layout.snapshotKey(SnapshotId.parse(time + "-r0").time(), tag);
        s3.objects.put(key, new byte[100]);
        s3.lastModified.put(key, NOW.minus(age));
        return key;
    }

    private void manifest(String id, String objectKey) {
        SnapshotId snapshot = SnapshotId.parse(id);
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, id, "prod",
                new Manifest.EtcdSource("c", "m", "cp-1", "3.5.16", "https://127.0.0.1:2379", ""),
                snapshot.revision(), 100, 4096, "00".repeat(32),
                new Manifest.StoredObject(objectKey, 100, "11".repeat(32), 5_242_880, "CRC32C",
                        List.of(new Manifest.Part(1, 100, "4waSgw==", "\"e\""))),
                new Manifest.Compression("zstd", 3, 0),
                new Manifest.Timings(snapshot.time(), snapshot.time().plusSeconds(5), 5000),
                List.of(), new Manifest.Tool("lifeboat", "0.1.0"));
        s3.objects.put(layout.manifestKey(snapshot), ManifestCodec.write(m));
    }
}
