package io.lifeboat.coordination;

import java.time.Instant;
import java.util.Optional;

/**
 * What one try-lock transaction found, and what follows from it: the pure part of the lock,
 * so that it can be tested without etcd.
 *
 * @param won the transaction's compare held: the lock key did not exist and is now ours
 * @param holder the lock key's value when another instance holds it (who, since when)
 * @param lastTick the recorded tick, read in the same transaction; empty if none yet
 * @param lockRevision the revision at which our lock key was created (when won)
 */
record LockAttempt(boolean won, String holder, Optional<Instant> lastTick, long lockRevision) {

    /** Empty when the backup may run; else why it must not. */
    Optional<SkipReason> refusal(LockRequest request) {
        if (!won) {
            return Optional.of(SkipReason.LOCK_HELD);
        }
        if (request.scheduled() && lastTick.isPresent() && !lastTick.get().isBefore(request.tick())) {
            // A faster instance took this tick (or a later one) and has released the lock already.
            return Optional.of(SkipReason.ALREADY_TAKEN);
        }
        return Optional.empty();
    }
}
