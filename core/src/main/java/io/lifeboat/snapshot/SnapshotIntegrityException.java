package io.lifeboat.snapshot;

/**
 * The bytes of a snapshot are not what they claim to be: a digest, a trailer, a size, a
 * revision or a key count disagrees. A backup that sees this fails; a restore refuses.
 */
public class SnapshotIntegrityException extends RuntimeException {
    public SnapshotIntegrityException(String message) {
        super(message);
    }
}
