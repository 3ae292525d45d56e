package io.lifeboat.catalog;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import java.util.Objects;

/**
 * One manifest key of the catalog: either a manifest this lifeboat reads, or one it cannot
 * (not JSON, empty, a newer format, invalid, or naming another snapshot than its key), with
 * the reason. The id always comes from the key, so an unreadable entry still says when its
 * snapshot was taken and at which revision.
 *
 * <p>Why entries and not just manifests: one bad document must not hide every good one
 * (a {@code restore latest} at 3 a.m. must still find the newest readable snapshot), yet it
 * must stay visible, so that someone looks at it.
 */
public sealed interface CatalogEntry {

    /** The snapshot id the manifest key names. */
    SnapshotId id();

    /** The manifest's object key. */
    String key();

    record Readable(SnapshotId id, String key, Manifest manifest) implements CatalogEntry {
        public Readable {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(manifest, "manifest");
        }
    }

    /** @param reason why it cannot be read, one line, without the bucket and key (those are {@link #key()}) */
    record Unreadable(SnapshotId id, String key, String reason) implements CatalogEntry {
        public Unreadable {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
