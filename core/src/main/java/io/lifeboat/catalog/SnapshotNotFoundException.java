package io.lifeboat.catalog;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/** No snapshot in the catalog matches what was asked for; the message says what was asked and where. */
public class SnapshotNotFoundException extends LifeboatException {
    public SnapshotNotFoundException(String message) {
        super(FailureKind.NOT_FOUND, message, null);
    }
}
