package io.lifeboat.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.ManifestFormatException;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.InMemoryObjectStore;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.ObjectStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotSelectorTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final InMemoryObjectStore s3 = new InMemoryObjectStore();
    private final Catalog catalog = new Catalog(s3, new BucketLayout("p", "prod"));

    @BeforeEach
    void threeSnapshots() {
        put(T0, 100);
        put(T0.plusSeconds(3600), 200);
        put(T0.plusSeconds(7200), 300);
    }

    @Test
    void latest_isTheNewest() {
        assertThat(SnapshotSelector.parse("latest").resolve(catalog).block().revision()).isEqualTo(300);
        assertThat(SnapshotSelector.parse(null).resolve(catalog).block().revision()).isEqualTo(300);
    }

    @Test
    void byId_isThatOne() {
        String id = new SnapshotId(T0.plusSeconds(3600), 200).toString();

        assertThat(SnapshotSelector.parse(id).resolve(catalog).block().id()).isEqualTo(id);
    }

    @Test
    void byId_unknown_failsAsNotFound() {
        assertThatThrownBy(() -> SnapshotSelector.parse("20261121T100001Z-r100").resolve(catalog).block())
                .isInstanceOf(SnapshotNotFoundException.class)
                .hasMessageContaining("no snapshot 20261121T100001Z-r100 for cluster 'prod'");
    }

    @Test
    void atOrBefore_takesTheNewestNotAfterTheTime() {
        assertThat(new SnapshotSelector.AtOrBefore(T0.plusSeconds(3599)).resolve(catalog).block().revision())
                .isEqualTo(100);
        assertThat(new SnapshotSelector.AtOrBefore(T0.plusSeconds(3600)).resolve(catalog).block().revision())
                .isEqualTo(200);
        assertThatThrownBy(() -> new SnapshotSelector.AtOrBefore(T0.minusSeconds(1)).resolve(catalog).block())
                .isInstanceOf(SnapshotNotFoundException.class).hasMessageContaining("at or before");
    }

    @Test
    void atOrBelowRevision_takesTheNewestNotAboveTheRevision() {
        assertThat(new SnapshotSelector.AtOrBelowRevision(299).resolve(catalog).block().revision()).isEqualTo(200);
        assertThat(new SnapshotSelector.AtOrBelowRevision(300).resolve(catalog).block().revision()).isEqualTo(300);
        assertThatThrownBy(() -> new SnapshotSelector.AtOrBelowRevision(99).resolve(catalog).block())
                .isInstanceOf(SnapshotNotFoundException.class).hasMessageContaining("revision 99");
    }

    @Test
    void latest_emptyCatalog_failsAsNotFound() {
        s3.objects.clear();

        assertThatThrownBy(() -> new SnapshotSelector.Latest().resolve(catalog).block())
                .isInstanceOf(SnapshotNotFoundException.class).hasMessageContaining("p/prod/manifests/");
    }

    @Test
    void latest_newerManifestsUnreadable_takesTheNewestReadableAndReportsTheSkippedOnes() {
        putBad(T0.plusSeconds(7201), 301, "{ not json");
        putBad(T0.plusSeconds(7202), 302, "");
        putBad(T0.plusSeconds(7203), 303, "{\"formatVersion\": 99}");
        List<CatalogEntry.Unreadable> skipped = new ArrayList<>();

        Manifest m = new SnapshotSelector.Latest().resolve(catalog, skipped::add).block();

        assertThat(m.revision()).isEqualTo(300);
        assertThat(skipped).extracting(u -> u.id().revision()).containsExactly(303L, 302L, 301L);
        assertThat(skipped).extracting(CatalogEntry.Unreadable::reason)
                .satisfiesExactly(r -> assertThat(r).contains("format version 99"), r -> assertThat(r).contains("empty"),
                        r -> assertThat(r).contains("not JSON"));
    }

    @Test
    void atOrBefore_newestAtTheTimeUnreadable_takesTheNewestReadableBefore() {
        putBad(T0.plusSeconds(3601), 250, "{ not json");

        assertThat(new SnapshotSelector.AtOrBefore(T0.plusSeconds(3601)).resolve(catalog).block().revision())
                .isEqualTo(200);
    }

    @Test
    void atOrBelowRevision_newestAtTheRevisionUnreadable_takesTheNewestReadableBelow() {
        putBad(T0.plusSeconds(3601), 250, "");

        assertThat(new SnapshotSelector.AtOrBelowRevision(250).resolve(catalog).block().revision()).isEqualTo(200);
    }

    @Test
    void latest_everyManifestUnreadable_failsAsNotFound() {
        s3.objects.clear();
        putBad(T0, 100, "");

        assertThatThrownBy(() -> new SnapshotSelector.Latest().resolve(catalog).block())
                .isInstanceOf(SnapshotNotFoundException.class)
                .hasMessageContaining("no snapshot that this lifeboat can read (1 unreadable manifest(s) passed over)");
    }

    @Test
    void byId_unreadable_failsAsAFormatError() {
        putBad(T0.plusSeconds(1), 101, "{ not json");

        assertThatThrownBy(() -> SnapshotSelector.parse(new SnapshotId(T0.plusSeconds(1), 101).toString())
                .resolve(catalog).block())
                .isInstanceOf(ManifestFormatException.class).hasMessageContaining("not JSON");
    }

    @Test
    void parseTime_isoAndCompactForms() {
        assertThat(SnapshotSelector.parseTime("2026-11-21T23:15:00Z")).isEqualTo(Instant.parse("2026-11-21T23:15:00Z"));
        assertThat(SnapshotSelector.parseTime("2026-11-22T00:15:00+01:00"))
                .isEqualTo(Instant.parse("2026-11-21T23:15:00Z"));
        assertThat(SnapshotSelector.parseTime("20261121T231500Z")).isEqualTo(Instant.parse("2026-11-21T23:15:00Z"));
        assertThatThrownBy(() -> SnapshotSelector.parseTime("yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a time: 'yesterday'");
    }

    private void putBad(Instant time, long revision, String document) {
        s3.objects.put(catalog.layout().manifestKey(new SnapshotId(time, revision)),
                document.getBytes(StandardCharsets.UTF_8));
    }

    private void put(Instant time, long revision) {
        Manifest t;
        try (InputStream in = getClass().getResourceAsStream("/manifest/manifest-v1.json")) {
            t = ManifestCodec.read(in.readAllBytes(), "golden");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Manifest m = new Manifest(t.formatVersion(), new SnapshotId(time, revision).toString(), "prod", t.etcd(),
                revision, t.totalKeys(), t.dbSizeBytes(), t.dbSha256(), t.object(), t.compression(), t.timings(),
                t.tiers(), t.tool());
        catalog.put(m).block();
    }
}
