package io.lifeboat.restore;

import io.lifeboat.bbolt.SnapshotStats;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.snapshot.SnapshotIntegrityException;

/** The comparisons of a snapshot's bytes with its manifest: one place, so verify and restore agree. */
final class ManifestMatch {

    private ManifestMatch() {
    }

    /** A manifest that contradicts itself is refused before anything is downloaded. */
    static void requireConsistent(Manifest manifest) {
        SnapshotId id;
        try {
            id = SnapshotId.parse(manifest.id());
        } catch (IllegalArgumentException e) {
            throw new SnapshotIntegrityException("the manifest's id is not a snapshot id: " + e.getMessage());
        }
        if (id.revision() != manifest.revision()) {
            throw new SnapshotIntegrityException("manifest " + manifest.id() + " records revision "
                    + manifest.revision() + " but its id says " + id.revision() + ": the manifest was altered");
        }
    }

    /** The db's SHA-256 (already equal to etcd's trailer) against the manifest's. */
    static void requireDbDigest(Manifest manifest, SnapshotDownload.Digests digests) {
        if (!digests.dbSha256().equalsIgnoreCase(manifest.dbSha256())) {
            throw new SnapshotIntegrityException("snapshot " + manifest.id() + ": SHA-256 of the db is "
                    + digests.dbSha256() + " (equal to etcd's trailer), the manifest records " + manifest.dbSha256());
        }
    }

    static Verified require(Manifest manifest, SnapshotDownload.Digests digests, SnapshotStats stats) {
        String what = "snapshot " + manifest.id();
        requireDbDigest(manifest, digests);
        same(what, "db size in bytes", digests.dbBytes(), manifest.dbSizeBytes());
        same(what, "db size the bbolt meta page describes", stats.dbSizeBytes(), manifest.dbSizeBytes());
        same(what, "revision", stats.revision(), manifest.revision());
        same(what, "total keys", stats.totalKeys(), manifest.totalKeys());
        return new Verified(manifest.id(), digests.objectSha256(), digests.dbSha256(), digests.dbBytes(),
                stats.revision(), stats.totalKeys());
    }

    private static void same(String what, String figure, long actual, long recorded) {
        if (actual != recorded) {
            throw new SnapshotIntegrityException(what + ": the snapshot's " + figure + " is " + actual
                    + ", the manifest records " + recorded);
        }
    }
}
