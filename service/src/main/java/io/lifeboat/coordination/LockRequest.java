package io.lifeboat.coordination;

import java.time.Instant;

/**
 * What a backup asks of the lock, by who started it.
 *
 * @param kind scheduled, triggered over HTTP, or {@code --once}
 * @param tick for scheduled runs the nominal time of the tick ({@link BackupTick}); else null
 */
public record LockRequest(Kind kind, Instant tick) {

    public enum Kind {
        /** Try once; skip when the lock is held or the tick was taken; leaders give followers a head start. */
        SCHEDULED,
        /** Try once; busy when the lock is held. */
        TRIGGERED,
        /** Wait up to lifeboat.lock.wait; an operator's explicit run, so no tick dedupe. */
        ONCE
    }

    public static LockRequest scheduled(Instant tick) {
        return new LockRequest(Kind.SCHEDULED, tick);
    }

    public static LockRequest triggered() {
        return new LockRequest(Kind.TRIGGERED, null);
    }

    public static LockRequest once() {
        return new LockRequest(Kind.ONCE, null);
    }

    public boolean scheduled() {
        return kind == Kind.SCHEDULED;
    }
}
