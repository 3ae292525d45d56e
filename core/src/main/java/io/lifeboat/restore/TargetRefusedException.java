package io.lifeboat.restore;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/**
 * The data dir cannot take a restore as asked: it is not empty, it is not on tmpfs when
 * tmpfs was required, a tmpfs could not be mounted on it, or it cannot be created. Nothing
 * was changed; the message names the path and the remedy.
 */
public class TargetRefusedException extends LifeboatException {
    public TargetRefusedException(String message) {
        super(FailureKind.TARGET_REFUSED, message, null);
    }

    public TargetRefusedException(String message, Throwable cause) {
        super(FailureKind.TARGET_REFUSED, message, cause);
    }
}
