package io.lifeboat.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog's health as Prometheus sees it: {@code lifeboat_catalog_unreadable_manifests}
 * (unreadable manifests in the service's last full listing of the catalog) and
 * {@code lifeboat_orphan_objects} (orphans the last sweep found). Both are 0 until the first
 * listing or sweep; {@link #unreadableManifests()} tells "none" from "not listed yet".
 */
@Singleton
public class CatalogMetrics {

    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong orphans = new AtomicLong();
    private volatile boolean listed;

    public CatalogMetrics(MeterRegistry registry) {
        Gauge.builder("lifeboat.catalog.unreadable.manifests", unreadable, AtomicLong::get)
                .description("Manifests in the bucket that this lifeboat cannot read, at the last listing")
                .register(registry);
        Gauge.builder("lifeboat.orphan.objects", orphans, AtomicLong::get)
                .description("Snapshot objects no manifest references (older than lifeboat.s3.orphan-age), at the"
                        + " last sweep")
                .register(registry);
    }

    /** Records a complete listing of the catalog. */
    public void listed(List<CatalogEntry> entries) {
        unreadable.set(entries.stream().filter(CatalogEntry.Unreadable.class::isInstance).count());
        listed = true;
    }

    /** Records a sweep (which lists the whole catalog first). */
    public void swept(OrphanSweeper.Sweep sweep) {
        unreadable.set(sweep.unreadableManifests());
        orphans.set(sweep.orphans().size());
        listed = true;
    }

    /** Unreadable manifests at the last listing; empty before the first one. */
    public OptionalLong unreadableManifests() {
        return listed ? OptionalLong.of(unreadable.get()) : OptionalLong.empty();
    }
}
