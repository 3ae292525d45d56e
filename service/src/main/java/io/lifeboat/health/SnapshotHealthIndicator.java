package io.lifeboat.health;

import io.lifeboat.backup.BackupConfig;
import io.lifeboat.backup.BackupService;
import io.lifeboat.catalog.CatalogMetrics;
import io.lifeboat.manifest.Manifest;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /health} component "snapshots": the newest snapshot's id and age, whether a backup
 * runs, and the last error. DOWN when the newest snapshot is older than
 * {@code lifeboat.max-snapshot-age}, or when there is none and the bucket cannot be read.
 * With no snapshot yet but a readable bucket it is UP (a fresh install is not an outage).
 * "Newest" means newest readable: a manifest lifeboat cannot read does not make the service
 * DOWN while a fresh readable snapshot exists; {@code unreadableManifests} counts them, as of
 * the service's last listing of the catalog (a sweep at start-up or after a backup, or
 * {@code GET /api/v1/snapshots}), and is absent before the first one.
 */
@Singleton
public class SnapshotHealthIndicator implements HealthIndicator {

    private final BackupService backups;
    private final BackupConfig config;
    private final CatalogMetrics catalog;

    public SnapshotHealthIndicator(BackupService backups, BackupConfig config, CatalogMetrics catalog) {
        this.backups = backups;
        this.config = config;
        this.catalog = catalog;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return backups.newest()
                .map(this::fromNewest)
                .switchIfEmpty(Mono.fromSupplier(() -> result(HealthStatus.UP, details())))
                .onErrorResume(e -> {
                    Map<String, Object> details = details();
                    details.put("bucketError", e.getMessage());
                    return Mono.just(result(HealthStatus.DOWN, details));
                });
    }

    private HealthResult fromNewest(Manifest newest) {
        Duration age = Duration.between(newest.timings().finishedAt(), Instant.now());
        Map<String, Object> details = details();
        details.put("newestSnapshot", newest.id());
        details.put("newestSnapshotRevision", newest.revision());
        details.put("newestSnapshotAgeSeconds", age.toSeconds());
        details.put("maxSnapshotAgeSeconds", config.maxSnapshotAge().toSeconds());
        return result(age.compareTo(config.maxSnapshotAge()) > 0 ? HealthStatus.DOWN : HealthStatus.UP, details);
    }

    private Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backupRunning", backups.isRunning());
        backups.lastError().ifPresent(error -> details.put("lastError", error));
        catalog.unreadableManifests().ifPresent(count -> details.put("unreadableManifests", count));
        return details;
    }

    private static HealthResult result(HealthStatus status, Map<String, Object> details) {
        return HealthResult.builder("snapshots", status).details(details).build();
    }
}
