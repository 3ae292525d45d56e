package io.lifeboat.catalog;

import static io.lifeboat.catalog.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSummaryTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    // Last 1 and 2 daily: the newest is last+daily, the day before daily, older ones untiered.
    private static final RetentionPolicy POLICY = new RetentionPolicy(1, 0, 2, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void summary_countsEachSnapshotOnceUnderItsHighestTier_thenUntieredUnreadableAndOrphans() {
        List<CatalogEntry> entries = List.of(
                readable("20261127T100000Z-r1", 10),
                readable("20261128T100000Z-r2", 20),
                readable("20261129T100000Z-r3", 30),
                unreadable("20261129T110000Z-r4"),
                readable("20261130T100000Z-r5", 50));
        Decision decision = CatalogRetention.decide(entries, NOW, POLICY);
        Orphan orphan = new Orphan("prod/snapshots/x", 7, Instant.parse("2026-11-01T00:00:00Z"));

        List<CatalogSummary.Group> groups = CatalogSummary.of(entries, decision, List.of(orphan));

        assertThat(groups).containsExactly(
                new CatalogSummary.Group("daily", 2, 80, time("20261129T100000Z-r3"), time("20261130T100000Z-r5")),
                new CatalogSummary.Group("untiered", 2, 30, time("20261127T100000Z-r1"), time("20261128T100000Z-r2")),
                new CatalogSummary.Group("unreadable", 1, 0, time("20261129T110000Z-r4"), time("20261129T110000Z-r4")),
                new CatalogSummary.Group("orphan", 1, 7, orphan.lastModified(), orphan.lastModified()));
    }

    @Test
    void tiersOf_prefersTheManifestsRecordedTiers_andComputesThemOnlyWhenItRecordsNone() {
        CatalogEntry recorded = new CatalogEntry.Readable(SnapshotId.parse("20261129T100000Z-r3"), "k3",
                manifest("20261129T100000Z-r3", 30, List.of("monthly")));
        CatalogEntry bare = readable("20261130T100000Z-r5", 50);
        Decision decision = CatalogRetention.decide(List.of(recorded, bare), NOW, POLICY);

        assertThat(CatalogRetention.tiersOf(recorded, decision)).containsExactly("monthly");
        assertThat(CatalogRetention.tiersOf(bare, decision)).containsExactly("last", "daily");
    }

    private static CatalogEntry readable(String id, long bytes) {
        return new CatalogEntry.Readable(SnapshotId.parse(id), "k-" + id, manifest(id, bytes, List.of()));
    }

    private static CatalogEntry unreadable(String id) {
        return new CatalogEntry.Unreadable(SnapshotId.parse(id), "k-" + id, "is not JSON");
    }

    private static Instant time(String id) {
        return SnapshotId.parse(id).time();
    }
}
