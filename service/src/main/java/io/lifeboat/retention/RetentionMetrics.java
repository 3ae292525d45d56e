package io.lifeboat.retention;

import io.lifeboat.catalog.PrunePass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retention as Prometheus sees it: {@code lifeboat_retention_snapshots{tier}} and
 * {@code lifeboat_retention_bytes{tier}} (the readable snapshots after the last pass, each under
 * the highest tier its manifest records, {@code none} for untiered), {@code lifeboat_retention_pruned_total},
 * {@code lifeboat_retention_failures_total} (failed listings and failed deletes or tier updates) and
 * {@code lifeboat_retention_last_run_timestamp_seconds}. Every tier is registered at 0 from the start.
 */
@Singleton
public class RetentionMetrics {

    private final Map<String, AtomicLong> snapshots = new LinkedHashMap<>();
    private final Map<String, AtomicLong> bytes = new LinkedHashMap<>();
    private final Counter pruned;
    private final Counter failures;
    private final AtomicLong lastRunEpochSeconds = new AtomicLong();

    public RetentionMetrics(MeterRegistry registry) {
        List<String> groups = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            groups.add(tier.label());
        }
        groups.add(PrunePass.UNTIERED);
        for (String group : groups) {
            snapshots.put(group, gauge(registry, "lifeboat.retention.snapshots", group,
                    "Readable snapshots by the highest tier their manifest records, after the last retention pass"));
            bytes.put(group, gauge(registry, "lifeboat.retention.bytes", group,
                    "Compressed bytes of those snapshots, by the same tier"));
        }
        pruned = Counter.builder("lifeboat.retention.pruned").description("Snapshots pruned (manifest deleted)")
                .register(registry);
        failures = Counter.builder("lifeboat.retention.failures")
                .description("Retention passes that could not list the catalog, and deletes or tier updates that failed")
                .register(registry);
        Gauge.builder("lifeboat.retention.last.run.timestamp.seconds", lastRunEpochSeconds, AtomicLong::get)
                .description("Unix time of the last retention pass that listed the whole catalog (0: none since start)")
                .register(registry);
    }

    void passed(PrunePass pass, Instant finishedAt) {
        snapshots.forEach((group, value) -> value.set(holding(pass, group).snapshots()));
        bytes.forEach((group, value) -> value.set(holding(pass, group).compressedBytes()));
        pruned.increment(pass.pruned().size());
        failures.increment(pass.failures());
        lastRunEpochSeconds.set(finishedAt.getEpochSecond());
    }

    void failed() {
        failures.increment();
    }

    private static PrunePass.Holding holding(PrunePass pass, String group) {
        return pass.byHighestTier().getOrDefault(group, new PrunePass.Holding(0, 0));
    }

    private static AtomicLong gauge(MeterRegistry registry, String name, String tier, String description) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).tag("tier", tier).description(description).register(registry);
        return value;
    }
}
