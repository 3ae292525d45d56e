package io.lifeboat.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifeboat.catalog.CatalogEntry;
import io.lifeboat.manifest.Manifest;

/**
 * One element of {@code GET /api/v1/snapshots}: a manifest key of the catalog.
 *
 * @param id the snapshot id the manifest key names
 * @param readable whether this lifeboat reads the manifest (only then can it be restored)
 * @param manifestKey the manifest's object key in the bucket
 * @param reason why the manifest cannot be read; absent when readable
 * @param manifest the manifest as stored; absent when not readable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotEntry(String id, boolean readable, String manifestKey, String reason, Manifest manifest) {

    static SnapshotEntry of(CatalogEntry entry) {
        if (entry instanceof CatalogEntry.Readable r) {
            return new SnapshotEntry(r.id().toString(), true, r.key(), null, r.manifest());
        }
        CatalogEntry.Unreadable u = (CatalogEntry.Unreadable) entry;
        return new SnapshotEntry(u.id().toString(), false, u.key(), u.reason(), null);
    }
}
