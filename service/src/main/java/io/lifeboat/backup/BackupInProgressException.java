package io.lifeboat.backup;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/** A backup was asked for while one is running; the running one is not disturbed. */
public class BackupInProgressException extends LifeboatException {
    public BackupInProgressException() {
        super(FailureKind.BUSY, "a backup is already running; wait for it to finish", null);
    }
}
