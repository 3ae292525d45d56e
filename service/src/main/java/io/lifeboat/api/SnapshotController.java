package io.lifeboat.api;

import io.lifeboat.backup.BackupService;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.catalog.SnapshotNotFoundException;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

    public SnapshotController(BackupService backups, Catalog catalog) {
        this.backups = backups;
        this.catalog = catalog;
    }

    /** 201 with the manifest; 409 while a backup runs; 503 when etcd or the bucket is unreachable. */
    @Post
    public Mono<HttpResponse<Manifest>> takeSnapshot() {
        return backups.backup().<HttpResponse<Manifest>>map(HttpResponse::created);
    }

    /** Every snapshot in the bucket, oldest first. */
    @Get
    public Mono<List<Manifest>> list() {
        return catalog.list().collectList();
    }

    /** One manifest; 400 for a malformed id, 404 if the bucket has no such snapshot. */
    @Get("/{id}")
    public Mono<HttpResponse<Manifest>> show(@PathVariable String id) {
        SnapshotId parsed = SnapshotId.parse(id);
        return catalog.find(parsed).<HttpResponse<Manifest>>map(HttpResponse::ok)
                .switchIfEmpty(Mono.error(() -> new SnapshotNotFoundException("no snapshot " + id + " in the bucket")));
    }
}
