package io.lifeboat.retention;

import io.lifeboat.snapshot.SnapshotId;
import java.util.Objects;

/**
 * One snapshot as the retention policy sees it: its id (which carries the time it was taken,
 * to the second) and whether its manifest could be read.
 *
 * <p>No separate {@code takenAt}: the id is the time the catalog sorts and names snapshots by,
 * and a second time field could disagree with it. No manifest either, so the policy stays
 * independent of the store and of the manifest format.
 *
 * @param id the snapshot
 * @param readable false when the listing found the snapshot but its manifest could not be read
 *     (missing, corrupt, newer format): only the id is known, so the snapshot is neither
 *     trusted as a restore point nor deleted
 */
public record Candidate(SnapshotId id, boolean readable) {

    public Candidate {
        Objects.requireNonNull(id, "id");
    }

    public static Candidate readable(SnapshotId id) {
        return new Candidate(id, true);
    }

    public static Candidate unreadable(SnapshotId id) {
        return new Candidate(id, false);
    }
}
