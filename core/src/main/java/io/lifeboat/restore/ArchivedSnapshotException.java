package io.lifeboat.restore;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;
import io.lifeboat.store.ObjectHead;

/**
 * The snapshot's object cannot be read now: it is in an archive storage class (GLACIER,
 * DEEP_ARCHIVE) and no thawed copy exists yet ({@link FailureKind#ARCHIVED}, exit 11). The
 * message says whether a thaw is under way and what to do.
 */
public final class ArchivedSnapshotException extends LifeboatException {

    private static final long serialVersionUID = 1L;

    private final transient ObjectHead head;

    public ArchivedSnapshotException(String message, ObjectHead head) {
        super(FailureKind.ARCHIVED, message, null);
        this.head = head;
    }

    /** The object as the store described it. */
    public ObjectHead head() {
        return head;
    }
}
