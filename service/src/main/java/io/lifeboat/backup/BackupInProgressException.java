package io.lifeboat.backup;

/** A backup was asked for while one is running; the running one is not disturbed. */
public class BackupInProgressException extends RuntimeException {
    public BackupInProgressException() {
        super("a backup is already running; wait for it to finish");
    }
}
