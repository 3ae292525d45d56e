package io.lifeboat.api;

import io.lifeboat.backup.BackupService;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.catalog.CatalogMetrics;
import io.lifeboat.catalog.SnapshotNotFoundException;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/snapshots}: take one now, list the catalog, show one manifest. The catalog
 * is read from the bucket, so it shows what a restore would find.
 */
@Controller("/api/v1/snapshots")
public class SnapshotController {

    private final BackupService backups;
    private final Catalog catalog;
    private final TriggerThrottle throttle;
    private final CatalogMetrics metrics;

    SnapshotController(BackupService backups, Catalog catalog, TriggerThrottle throttle, CatalogMetrics metrics) {
        this.backups = backups;
        this.catalog = catalog;
        this.throttle = throttle;
        this.metrics = metrics;
    }

    /**
     * 201 with the manifest; 429 with {@code Retry-After} within {@code lifeboat.api.trigger-min-interval}
     * of the last success (no snapshot is started); 409 while a backup runs; 503 when etcd or the
     * bucket is unreachable. The token check is {@link ApiAuthFilter}'s.
     */
    @Post
    public Mono<HttpResponse<?>> takeSnapshot() {
        return throttle.waitLeft()
                .<HttpResponse<?>>map(this::tooSoon)
                .switchIfEmpty(Mono.defer(() -> backups.backup().map(HttpResponse::created)));
    }

    /**
     * Every manifest key in the bucket, oldest first, as a list of {@link SnapshotEntry}:
     * {@code {"id", "readable": true, "manifestKey", "manifest": {...}}} for a manifest this
     * lifeboat reads, {@code {"id", "readable": false, "manifestKey", "reason"}} for one it
     * cannot (not JSON, empty, a newer format, invalid, or naming another snapshot than its
     * key). One envelope for both, rather than bare manifests with flagged extras mixed in, so a
     * client needs no guessing to tell them apart. 200 even with unreadable entries; 503 when
     * the bucket cannot be listed or read.
     */
    @Get
    public Mono<List<SnapshotEntry>> list() {
        return catalog.entries().collectList()
                .doOnNext(metrics::listed)
                .map(entries -> entries.stream().map(SnapshotEntry::of).toList());
    }

    /** One manifest; 400 for a malformed id, 404 if the bucket has no such snapshot, 500 if it cannot be read. */
    @Get("/{id}")
    public Mono<HttpResponse<Manifest>> show(@PathVariable String id) {
        SnapshotId parsed = SnapshotId.parse(id);
        return catalog.find(parsed).<HttpResponse<Manifest>>map(HttpResponse::ok)
                .switchIfEmpty(Mono.error(() -> new SnapshotNotFoundException("no snapshot " + id + " in the bucket")));
    }

    private HttpResponse<?> tooSoon(Duration left) {
        long seconds = TriggerThrottle.retryAfterSeconds(left);
        return ApiAnswers.refusal(HttpStatus.TOO_MANY_REQUESTS, "the last snapshot is newer than "
                        + "lifeboat.api.trigger-min-interval (" + throttle.minInterval().toSeconds() + " s): retry in "
                        + seconds + " s", "too_soon")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
}
