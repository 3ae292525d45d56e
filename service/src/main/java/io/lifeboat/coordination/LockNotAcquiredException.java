package io.lifeboat.coordination;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/**
 * Another instance holds this cluster's backup lock, or already took this tick: nothing was
 * done. A scheduled run counts it as a skip; a trigger answers 409 and {@code --once} exits 9.
 */
public class LockNotAcquiredException extends LifeboatException {

    private static final long serialVersionUID = 1L;

    private final SkipReason reason;

    public LockNotAcquiredException(SkipReason reason, String message) {
        super(FailureKind.BUSY, message, null);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
