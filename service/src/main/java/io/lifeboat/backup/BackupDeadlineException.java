package io.lifeboat.backup;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/** A backup ran longer than {@code lifeboat.backup-deadline}: it was cancelled and its upload aborted. */
public class BackupDeadlineException extends LifeboatException {
    public BackupDeadlineException(String message, Throwable cause) {
        super(FailureKind.TIMEOUT, message, cause);
    }
}
