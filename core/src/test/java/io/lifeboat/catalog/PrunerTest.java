package io.lifeboat.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.InMemoryObjectStore;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

class PrunerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    /** Keeps the newest two snapshots and nothing else. */
    private static final RetentionPolicy LAST_TWO = new RetentionPolicy(2, 0, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final RetentionPolicy NOTHING = new RetentionPolicy(0, 0, 0, 0, 0, 0, ZoneOffset.UTC);

    private final InMemoryObjectStore s3 = new InMemoryObjectStore();
    private final BucketLayout layout = new BucketLayout("backups", "prod");
    private final ObjectStore store = s3;
    private final Catalog catalog = new Catalog(store, layout);
    private final Pruner pruner = new Pruner(store, catalog, new TierTags(store));
    private final ListAppender<ILoggingEvent> tagLog = capture(TierTags.class);
    private final ListAppender<ILoggingEvent> prunerLog = capture(Pruner.class);

    @AfterEach
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(TierTags.class)).detachAppender(tagLog);
        ((Logger) LoggerFactory.getLogger(Pruner.class)).detachAppender(prunerLog);
    }

    @Test
    void prune_snapshotsOutsideEveryTier_deletesEachManifestBeforeItsObject() {
        Manifest oldest = snapshot("20261121T100000Z-r10");
        Manifest older = snapshot("20261121T110000Z-r20");
        snapshot("20261121T120000Z-r30");
        snapshot("20261121T130000Z-r40");

        PrunePass pass = pruner.prune(NOW, LAST_TWO, false).block(TIMEOUT);

        // Newest first, as the decision lists them; each manifest (the commit point) before its object.
        assertThat(s3.deleteOrder).containsExactly(
                manifestKey(older), older.object().key(),
                manifestKey(oldest), oldest.object().key());
        assertThat(pass.pruned()).extracting(SnapshotId::toString)
                .containsExactly("20261121T110000Z-r20", "20261121T100000Z-r10");
        assertThat(pass.failures()).isZero();
        assertThat(catalog.ids().block(TIMEOUT)).extracting(SnapshotId::toString)
                .containsExactly("20261121T120000Z-r30", "20261121T130000Z-r40");
    }

    @Test
    void prune_keptSnapshots_getTheirHighestTierAsTagAndEveryTierInTheManifest() {
        snapshot("20261120T100000Z-r10");
        Manifest newest = snapshot("20261121T100000Z-r20");
        RetentionPolicy lastOneDailyTwo = new RetentionPolicy(1, 0, 2, 0, 0, 0, ZoneOffset.UTC);

        PrunePass pass = pruner.prune(NOW, lastOneDailyTwo, false).block(TIMEOUT);

        assertThat(pass.retiered()).hasSize(2);
        assertThat(catalog.find(SnapshotId.parse(newest.id())).block(TIMEOUT).tiers()).containsExactly("last", "daily");
        assertThat(s3.tags.get(newest.object().key())).containsExactly(java.util.Map.entry(TierTags.TAG_KEY, "daily"));
        assertThat(pass.byHighestTier()).containsEntry("daily", new PrunePass.Holding(2, 2000));
    }

    @Test
    void prune_secondPassOverTheSameSnapshots_rewritesAndTagsNothing() {
        snapshot("20261120T100000Z-r10");
        snapshot("20261121T100000Z-r20");
        pruner.prune(NOW, RetentionPolicy.DEFAULT, false).block(TIMEOUT);
        Map<String, byte[]> after = new HashMap<>(s3.objects);
        int tagged = s3.taggingCalls.get();

        PrunePass again = pruner.prune(NOW, RetentionPolicy.DEFAULT, false).block(TIMEOUT);

        assertThat(again.toRetier()).isEmpty();
        assertThat(again.pruned()).isEmpty();
        assertThat(s3.taggingCalls.get()).isEqualTo(tagged);
        assertThat(s3.objects).containsExactlyInAnyOrderEntriesOf(after);
    }

    @Test
    void prune_refusedDecision_deletesRewritesAndTagsNothingAndWarns() {
        snapshot("20261121T100000Z-r10");
        snapshot("20261121T110000Z-r20");
        Map<String, byte[]> before = new HashMap<>(s3.objects);

        PrunePass pass = pruner.prune(NOW, NOTHING, false).block(TIMEOUT);

        assertThat(pass.decision().refused()).isTrue();
        assertThat(pass.pruned()).isEmpty();
        assertThat(s3.deleteOrder).isEmpty();
        assertThat(s3.taggingCalls.get()).isZero();
        assertThat(s3.objects).containsExactlyInAnyOrderEntriesOf(before);
        assertThat(prunerLog.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("retention pass refused", "would prune every one");
        });
    }

    @Test
    void prune_dryRun_reportsWhatItWouldDoAndChangesNothing() {
        snapshot("20261121T100000Z-r10");
        snapshot("20261121T110000Z-r20");
        snapshot("20261121T120000Z-r30");
        Map<String, byte[]> before = new HashMap<>(s3.objects);

        PrunePass pass = pruner.prune(NOW, LAST_TWO, true).block(TIMEOUT);

        assertThat(pass.dryRun()).isTrue();
        assertThat(pass.decision().prune()).extracting(SnapshotId::toString).containsExactly("20261121T100000Z-r10");
        assertThat(pass.toRetier()).hasSize(2);
        assertThat(pass.pruned()).isEmpty();
        assertThat(pass.retiered()).isEmpty();
        assertThat(s3.deleteOrder).isEmpty();
        assertThat(s3.taggingCalls.get()).isZero();
        assertThat(s3.objects).containsExactlyInAnyOrderEntriesOf(before);
        assertThat(prunerLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("dry run: would prune snapshot 20261121T100000Z-r10"));
    }

    @Test
    void prune_storeWithoutTagging_warnsOnceStopsTaggingAndStillRecordsTiers() {
        s3.taggingNotImplemented = true;
        snapshot("20261121T100000Z-r10");
        snapshot("20261121T110000Z-r20");
        pruner.prune(NOW, LAST_TWO, false).block(TIMEOUT);
        Manifest third = snapshot("20261121T120000Z-r30");

        PrunePass second = pruner.prune(NOW, LAST_TWO, false).block(TIMEOUT);

        assertThat(s3.taggingCalls.get()).as("tagging tried once in this process").isEqualTo(1);
        assertThat(tagLog.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).contains("does not implement object tagging"));
        assertThat(second.failures()).isZero();
        assertThat(second.pruned()).extracting(SnapshotId::toString).containsExactly("20261121T100000Z-r10");
        assertThat(catalog.find(SnapshotId.parse(third.id())).block(TIMEOUT).tiers()).containsExactly("last");
    }

    @Test
    void prune_objectDeleteFails_snapshotIsGoneAndItsObjectIsLeftAsAnOrphan() {
        Manifest oldest = snapshot("20261121T100000Z-r10");
        snapshot("20261121T110000Z-r20");
        snapshot("20261121T120000Z-r30");
        s3.failingDeletes.add(oldest.object().key());

        PrunePass pass = pruner.prune(NOW, LAST_TWO, false).block(TIMEOUT);

        assertThat(pass.pruned()).extracting(SnapshotId::toString).containsExactly("20261121T100000Z-r10");
        assertThat(pass.orphansLeft()).containsExactly(oldest.object().key());
        assertThat(pass.failures()).isEqualTo(1);
        assertThat(s3.objects).doesNotContainKey(manifestKey(oldest)).containsKey(oldest.object().key());
    }

    @Test
    void prune_manifestDeleteFails_failsThePassAndTheSnapshotStaysWhole() {
        Manifest oldest = snapshot("20261121T100000Z-r10");
        snapshot("20261121T110000Z-r20");
        snapshot("20261121T120000Z-r30");
        s3.failingDeletes.add(manifestKey(oldest));

        StepVerifier.create(pruner.prune(NOW, LAST_TWO, false)).expectError(StoreException.class).verify(TIMEOUT);
        assertThat(s3.objects).containsKeys(manifestKey(oldest), oldest.object().key());
        assertThat(s3.deleteOrder).doesNotContain(oldest.object().key());
    }

    @Test
    void prune_listingFails_failsAsAStoreErrorAndTouchesNothing() {
        snapshot("20261121T100000Z-r10");
        snapshot("20261121T110000Z-r20");
        snapshot("20261121T120000Z-r30");
        s3.failListing = true;

        StepVerifier.create(pruner.prune(NOW, LAST_TWO, false)).expectError(StoreException.class).verify(TIMEOUT);
        assertThat(s3.deleteOrder).isEmpty();
        assertThat(s3.taggingCalls.get()).isZero();
    }

    @Test
    void prune_unreadableManifest_isKeptUntouchedAndOutOfTheTierGroups() {
        SnapshotId unreadable = SnapshotId.parse("20261120T100000Z-r5");
        s3.objects.put(layout.manifestKey(unreadable), "{ not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        snapshot("20261121T100000Z-r10");

        PrunePass pass = pruner.prune(NOW, LAST_TWO, false).block(TIMEOUT);

        assertThat(pass.pruned()).isEmpty();
        assertThat(s3.objects).containsKey(layout.manifestKey(unreadable));
        assertThat(pass.byHighestTier()).containsOnlyKeys("last");
    }

    /** A snapshot of 1000 bytes: its manifest in the catalog and its own object beside it. */
    private Manifest snapshot(String id) {
        SnapshotId snapshot = SnapshotId.parse(id);
        Manifest manifest = TestManifests.manifest(id, 1000, List.of(),
                layout.snapshotKey(snapshot.time(), "up" + snapshot.revision()));
        s3.objects.put(manifest.object().key(), new byte[1000]);
        s3.objects.put(layout.manifestKey(snapshot), ManifestCodec.write(manifest));
        return manifest;
    }

    private String manifestKey(Manifest manifest) {
        return layout.manifestKey(SnapshotId.parse(manifest.id()));
    }


    private static ListAppender<ILoggingEvent> capture(Class<?> source) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
        return appender;
    }
}
