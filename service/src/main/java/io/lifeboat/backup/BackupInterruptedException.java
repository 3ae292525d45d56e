package io.lifeboat.backup;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/** The service is shutting down (SIGTERM): no new backup starts, a running one was cancelled and its upload aborted. */
public class BackupInterruptedException extends LifeboatException {
    public BackupInterruptedException(String message) {
        super(FailureKind.INTERRUPTED, message, null);
    }
}
