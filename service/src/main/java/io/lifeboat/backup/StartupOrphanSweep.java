package io.lifeboat.backup;

import io.lifeboat.catalog.OrphanSweep;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * At start-up, deletes orphans older than {@code lifeboat.s3.orphan-age}: objects a backup or
 * retention run left without a manifest before this process started. Beside
 * {@link StartupSweep} (incomplete uploads) and switched by the same key. A failure is
 * logged, never fatal.
 */
@Singleton
@Requires(property = "lifeboat.s3.sweep-on-start", notEquals = "false")
public class StartupOrphanSweep {

    private final OrphanSweep orphans;

    public StartupOrphanSweep(OrphanSweep orphans) {
        this.orphans = orphans;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        orphans.sweep().block();
    }
}
