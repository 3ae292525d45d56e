package io.lifeboat.catalog;

import io.lifeboat.store.S3Config;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The service's orphan sweep: deletes this cluster's snapshot objects that no manifest
 * references and that are older than {@code lifeboat.s3.orphan-age} (the rule is
 * {@link OrphanSweeper}'s), logs what it removed and updates {@link CatalogMetrics}. Runs at
 * start-up and after each successful backup. A sweep that fails (bucket unreachable, a
 * manifest that cannot be fetched) deletes nothing, is logged, and never fails its caller:
 * orphans only cost storage, and the next sweep tries again.
 */
@Singleton
public class OrphanSweep {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);

    private final OrphanSweeper sweeper;
    private final CatalogMetrics metrics;
    private final Duration orphanAge;
    private final Clock clock;

    public OrphanSweep(OrphanSweeper sweeper, CatalogMetrics metrics, S3Config config) {
        this(sweeper, metrics, config.orphanAge(), Clock.systemUTC());
    }

    OrphanSweep(OrphanSweeper sweeper, CatalogMetrics metrics, Duration orphanAge, Clock clock) {
        if (orphanAge == null || orphanAge.isZero() || orphanAge.isNegative()) {
            throw new IllegalArgumentException("lifeboat.s3.orphan-age must be a positive duration (e.g. 1h), was "
                    + orphanAge);
        }
        this.sweeper = sweeper;
        this.metrics = metrics;
        this.orphanAge = orphanAge;
        this.clock = clock;
    }

    /** @return what the sweep saw and removed; empty if it could not run */
    public Mono<OrphanSweeper.Sweep> sweep() {
        return Mono.defer(() -> sweeper.sweep(clock.instant(), orphanAge))
                .doOnNext(this::report)
                .onErrorResume(e -> {
                    LOG.warn("orphan sweep skipped, nothing deleted: {}", e.getMessage());
                    return Mono.empty();
                });
    }

    private void report(OrphanSweeper.Sweep sweep) {
        metrics.swept(sweep);
        if (!sweep.deleted().isEmpty()) {
            long bytes = sweep.deleted().stream().mapToLong(Orphan::sizeBytes).sum();
            LOG.info("orphan sweep removed {} object(s), {} bytes, that no manifest references (older than {})",
                    sweep.deleted().size(), bytes, orphanAge);
        }
        if (sweep.unreadableManifests() > 0) {
            LOG.warn("{} manifest(s) in the bucket cannot be read; objects started in their second are kept",
                    sweep.unreadableManifests());
        }
    }
}
