package io.lifeboat.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.PrunePass;
import io.lifeboat.catalog.TierTags;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * A year of snapshots on a real S3 server (S3Mock), pruned by one pass of the service's
 * retention with a fixed clock: exactly the policy's snapshots survive, each tagged with its
 * highest tier and with its tiers in its manifest, the others are gone object and manifest, and
 * no object is left without a manifest ({@link BucketSnapshots}: no etcd).
 */
@RealS3
class PruneIT {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final RetentionConfig DEFAULTS = new RetentionConfig(true, false, 10, 24, 31, 8, 12, 0, "UTC",
            "0 7 * * * *");
    private static final BucketLayout LAYOUT = new BucketLayout("backups", "prune-it");

    @Test
    void prune_twoHundredSnapshotsOverAYear_keepsExactlyThePolicysTiersTaggedAndRecordedWithNoOrphans(S3Bucket bucket) {
        BucketSnapshots snapshots = new BucketSnapshots(bucket, LAYOUT);
        Map<SnapshotId, Manifest> written = snapshots.write(snapshotIds());
        Decision expected = Retention.decide(Listing.complete(written.keySet().stream().map(Candidate::readable)
                .toList()), NOW, DEFAULTS.policy());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Prune prune = snapshots.prune(DEFAULTS, new RetentionMetrics(registry), NOW);
        long started = System.nanoTime();

        PrunePass pass = prune.underLock().block(Duration.ofSeconds(60));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(pass.failures()).isZero();
        Map<SnapshotId, Manifest> survivors = snapshots.manifests();
        assertThat(survivors.keySet()).containsExactlyInAnyOrderElementsOf(expected.kept().keySet());
        assertThat(pass.pruned()).hasSize(written.size() - survivors.size())
                .containsExactlyInAnyOrderElementsOf(expected.prune());
        // Counted here without the policy's code: the ten newest, and the newest of each of the 31 latest days.
        assertThat(withTier(survivors, "last")).containsExactlyInAnyOrderElementsOf(newest(written.keySet(), 10));
        assertThat(withTier(survivors, "daily")).containsExactlyInAnyOrderElementsOf(newestPerDay(written.keySet(), 31));
        for (Map.Entry<SnapshotId, Manifest> survivor : survivors.entrySet()) {
            Set<Tier> tiers = expected.tiersOf(survivor.getKey());
            assertThat(survivor.getValue().tiers()).as(survivor.getKey().toString())
                    .containsExactlyElementsOf(tiers.stream().sorted().map(Tier::label).toList());
            assertThat(tagsOf(bucket, survivor.getValue().object().key())).as(survivor.getKey().toString())
                    .containsExactly(Tag.builder().key(TierTags.TAG_KEY).value(Tier.highest(tiers).orElseThrow().label())
                            .build());
            assertThat(survivor.getValue().withTiers(List.of()))
                    .as("only the tiers changed").isEqualTo(written.get(survivor.getKey()));
        }
        Set<String> referenced = survivors.values().stream().map(m -> m.object().key()).collect(Collectors.toSet());
        assertThat(snapshots.objectKeys()).as("objects: each survivor's, no orphan, no pruned snapshot's")
                .containsExactlyInAnyOrderElementsOf(referenced);
        String scrape = registry.scrape();
        assertThat(scrape).contains("lifeboat_retention_pruned_total " + (double) expected.prune().size(),
                "lifeboat_retention_failures_total 0.0",
                "lifeboat_retention_snapshots{tier=\"daily\"} " + (double) highest(expected, Tier.DAILY),
                "lifeboat_retention_snapshots{tier=\"none\"} 0.0",
                "lifeboat_retention_last_run_timestamp_seconds " + (double) NOW.getEpochSecond());

        PrunePass again = prune.underLock().block(Duration.ofSeconds(60));

        assertThat(again.pruned()).as("a second pass over the survivors").isEmpty();
        assertThat(again.toRetier()).isEmpty();
    }

    /** 150 snapshots spread over the year before NOW, then 50 every 90 minutes up to NOW: every tier has work. */
    private static List<SnapshotId> snapshotIds() {
        Random random = new Random(7);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            times.add(NOW.minus(Duration.ofDays(4)).minusSeconds(random.nextInt(361 * 24 * 3600)));
        }
        for (int i = 0; i < 50; i++) {
            times.add(NOW.minus(Duration.ofMinutes(90L * i)).minusSeconds(random.nextInt(60)));
        }
        times.sort(Comparator.naturalOrder());
        List<SnapshotId> ids = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            ids.add(new SnapshotId(times.get(i), 1000L + 10L * i));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(200);
        return ids;
    }

    private static List<Tag> tagsOf(S3Bucket bucket, String key) {
        return bucket.client().getObjectTagging(r -> r.bucket(bucket.name()).key(key)).tagSet();
    }

    private static List<SnapshotId> withTier(Map<SnapshotId, Manifest> survivors, String tier) {
        return survivors.entrySet().stream().filter(e -> e.getValue().tiers().contains(tier)).map(Map.Entry::getKey)
                .toList();
    }

    private static List<SnapshotId> newest(Set<SnapshotId> ids, int count) {
        return ids.stream().sorted(Comparator.reverseOrder()).limit(count).toList();
    }

    private static List<SnapshotId> newestPerDay(Set<SnapshotId> ids, int days) {
        Map<LocalDate, SnapshotId> newestOfDay = new TreeMap<>(Comparator.reverseOrder());
        for (SnapshotId id : ids) {
            newestOfDay.merge(LocalDate.ofInstant(id.time(), ZoneOffset.UTC), id,
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return newestOfDay.values().stream().limit(days).toList();
    }

    private static long highest(Decision decision, Tier tier) {
        return decision.kept().keySet().stream().filter(id -> decision.highest(id).orElse(null) == tier).count();
    }
}
