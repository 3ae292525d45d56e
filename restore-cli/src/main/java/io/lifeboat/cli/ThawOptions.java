package io.lifeboat.cli;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.restore.ArchivedSnapshotException;
import io.lifeboat.store.ObjectHead;
import io.lifeboat.store.ObjectStore;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --request-thaw} for the commands that read a snapshot's object (restore, verify). An
 * object in GLACIER or DEEP_ARCHIVE cannot be read until S3 has made a thawed copy; without the
 * flag the download says so (exit 11), with it the command asks S3 for that copy (RestoreObject)
 * and exits 11 with when to run it again. A thaw costs money and hours, so it is never implicit.
 */
final class ThawOptions {

    @Option(names = "--request-thaw", description = "If the snapshot's object is archived (GLACIER, DEEP_ARCHIVE),"
            + " ask S3 to thaw it (RestoreObject, Standard tier) and exit 11; run the command again once it is done.")
    boolean requestThaw;

    @Option(names = "--thaw-days", paramLabel = "N", defaultValue = "3",
            description = "How long the thawed copy stays readable (default: ${DEFAULT-VALUE} days).")
    int thawDays;

    /** Before a download: with --request-thaw, thaws a frozen object and stops; otherwise the download checks. */
    void beforeDownload(ObjectStore store, Manifest manifest, PrintWriter err) {
        beforeDownload(store, manifest.object().key(), manifest.id(), err);
    }

    void beforeDownload(ObjectStore store, String key, String snapshotId, PrintWriter err) {
        if (!requestThaw) {
            return;
        }
        if (thawDays < 1) {
            throw new IllegalArgumentException("--thaw-days must be at least 1, was " + thawDays);
        }
        ObjectHead head = store.head(key).block();
        if (head == null || head.archive().readable()) {
            err.println("note: " + key + " is readable now"
                    + (head == null ? "" : " (" + head.storageClass() + ")") + ": no thaw needed");
            return;
        }
        if (head.archive() == ObjectHead.Archive.FROZEN) {
            store.requestThaw(key, thawDays).block();
            throw new ArchivedSnapshotException("thaw of " + key + " (" + head.storageClass() + ", snapshot "
                    + snapshotId + ") requested for " + thawDays + " day(s): S3 takes about 3-5 hours from"
                    + " GLACIER and up to 12 hours from DEEP_ARCHIVE; run this command again then (without"
                    + " --request-thaw is fine)", head);
        }
        throw new ArchivedSnapshotException("a thaw of " + key + " (" + head.storageClass() + ", snapshot "
                + snapshotId + ") is already under way: run this command again when it is done", head);
    }
}
