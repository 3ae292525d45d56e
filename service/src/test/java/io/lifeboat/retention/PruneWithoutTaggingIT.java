package io.lifeboat.retention;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.PrunePass;
import io.lifeboat.catalog.TierTags;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.testing.RealS3Proxy;
import io.lifeboat.testing.S3Bucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Retention on S3Proxy, which answers object tagging with 501 NotImplemented: the store is
 * warned about once, tagging is not tried again, and pruning and recording tiers go on.
 */
@RealS3Proxy
class PruneWithoutTaggingIT {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    /** Keeps the newest two. */
    private static final RetentionConfig LAST_TWO = new RetentionConfig(true, false, 2, 0, 0, 0, 0, 0, "UTC",
            "0 7 * * * *");

    @Test
    void prune_storeWithoutTagging_warnsOnceThenPrunesAndRecordsTiersWithoutTags(S3Bucket bucket) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger tierTags = (Logger) LoggerFactory.getLogger(TierTags.class);
        tierTags.addAppender(log);
        try {
            BucketSnapshots snapshots = new BucketSnapshots(bucket, new BucketLayout("", "no-tags"));
            snapshots.write(List.of(id("20261122T090000Z-r10"), id("20261122T100000Z-r20"), id("20261122T110000Z-r30")));
            Prune prune = snapshots.prune(LAST_TWO, new RetentionMetrics(new SimpleMeterRegistry()), NOW);

            PrunePass first = prune.underLock().block(Duration.ofSeconds(30));
            snapshots.write(List.of(id("20261122T113000Z-r40")));
            PrunePass second = prune.underLock().block(Duration.ofSeconds(30));

            assertThat(first.failures()).isZero();
            assertThat(second.failures()).isZero();
            assertThat(first.pruned()).containsExactly(id("20261122T090000Z-r10"));
            assertThat(second.pruned()).containsExactly(id("20261122T100000Z-r20"));
            assertThat(snapshots.manifests().values()).hasSize(2)
                    .allSatisfy(manifest -> assertThat(manifest.tiers()).containsExactly("last"));
            assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage())
                            .contains("does not implement object tagging"));
        } finally {
            tierTags.detachAppender(log);
        }
    }

    private static SnapshotId id(String text) {
        return SnapshotId.parse(text);
    }
}
