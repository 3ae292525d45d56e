package io.lifeboat.api;

import io.lifeboat.backup.BackupService;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * {@code lifeboat.api.trigger-min-interval}: a trigger storm (a retrying script, a crash-looping
 * hook) must not turn into a storm of multi-GiB snapshots against etcd. A trigger within the
 * interval after the last successful snapshot is refused with how long to wait. The last
 * success is {@link BackupService#newest()}: the later of this service's own and the bucket's
 * newest (read again once what is known is older than {@code lifeboat.newest-check-interval}),
 * so a restart does not reset the limit and a snapshot another instance took counts too, up to
 * that interval late.
 */
@Singleton
final class TriggerThrottle {

    private final BackupService backups;
    private final Duration minInterval;

    TriggerThrottle(BackupService backups, ApiConfig config) {
        this.backups = backups;
        this.minInterval = config.triggerMinInterval();
    }

    /** How long a trigger now must still wait; empty if it may run. */
    Mono<Duration> waitLeft() {
        if (minInterval.isZero()) {
            return Mono.empty();
        }
        return backups.newest()
                .flatMap(newest -> Mono.justOrEmpty(remaining(newest.timings().finishedAt(), Instant.now(), minInterval)))
                // An unreadable bucket is not a reason to refuse: the backup itself reports it (503) more usefully.
                .onErrorResume(error -> Mono.empty());
    }

    Duration minInterval() {
        return minInterval;
    }

    static Optional<Duration> remaining(Instant lastSuccess, Instant now, Duration minInterval) {
        Duration left = Duration.between(now, lastSuccess.plus(minInterval));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Whole seconds for {@code Retry-After} (RFC 9110 §10.2.3), rounded up: a client that waits that long is let in. */
    static long retryAfterSeconds(Duration left) {
        long seconds = left.toSeconds();
        return left.equals(Duration.ofSeconds(seconds)) ? Math.max(1, seconds) : seconds + 1;
    }
}
