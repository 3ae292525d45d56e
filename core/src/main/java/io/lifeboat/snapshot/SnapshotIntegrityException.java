package io.lifeboat.snapshot;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/**
 * The bytes of a snapshot are not what they claim to be: a digest, a trailer, a size, a
 * revision or a key count disagrees. A backup that sees this fails; a restore refuses.
 */
public class SnapshotIntegrityException extends LifeboatException {
    public SnapshotIntegrityException(String message) {
        super(FailureKind.INTEGRITY, message, null);
    }
}
