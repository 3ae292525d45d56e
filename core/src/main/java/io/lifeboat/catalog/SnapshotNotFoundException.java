package io.lifeboat.catalog;

/** No snapshot in the catalog matches what was asked for; the message says what was asked and where. */
public class SnapshotNotFoundException extends RuntimeException {
    public SnapshotNotFoundException(String message) {
        super(message);
    }
}
