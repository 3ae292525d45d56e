package io.lifeboat.restore;

/**
 * The data dir cannot take a restore as asked: it is not empty, it is not on tmpfs when
 * tmpfs was required, a tmpfs could not be mounted on it, or it cannot be created. Nothing
 * was changed; the message names the path and the remedy.
 */
public class TargetRefusedException extends RuntimeException {
    public TargetRefusedException(String message) {
        super(message);
    }

    public TargetRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
