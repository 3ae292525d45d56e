package io.lifeboat.backup;

import io.lifeboat.manifest.Manifest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The cluster's newest snapshot as one service instance knows it: behind {@code /health} and the
 * trigger limit. Its own last success, or the bucket's newest, whichever finished later.
 *
 * <p>On its own, an instance's last success goes stale whenever another instance takes the
 * snapshots (the one that holds the lock in an HA cluster, or a {@code --once} timer), and its
 * {@code /health} would go DOWN although the cluster's snapshots are fresh. So when what it
 * knows is older than {@code checkInterval}, it reads the bucket's newest again, at most once per
 * interval however often {@code /health} is probed. A bucket that cannot be read then falls back
 * to what it knows; only with nothing known is the error passed on (the caller reports it).
 */
final class NewestSnapshot {

    private final Supplier<Mono<Manifest>> bucketNewest;
    private final Duration checkInterval;
    private final Clock clock;
    private final AtomicReference<Manifest> known = new AtomicReference<>();
    /** When the bucket was last read successfully; null before the first read. */
    private final AtomicReference<Instant> checkedAt = new AtomicReference<>();

    NewestSnapshot(Supplier<Mono<Manifest>> bucketNewest, Duration checkInterval, Clock clock) {
        this.bucketNewest = bucketNewest;
        this.checkInterval = checkInterval;
        this.clock = clock;
    }

    /** This instance committed {@code manifest}. */
    void succeeded(Manifest manifest) {
        remember(manifest);
    }

    /** The newest snapshot known now, read from the bucket when what is known may be stale; empty if none. */
    Mono<Manifest> get() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Manifest current = known.get();
            if (current != null && fresh(current.timings().finishedAt(), now)) {
                return Mono.just(current);
            }
            Instant checked = checkedAt.get();
            if (checked != null && fresh(checked, now)) {
                return Mono.justOrEmpty(current);
            }
            return bucketNewest.get()
                    .doOnSuccess(found -> checkedAt.set(now))
                    .map(this::remember)
                    .switchIfEmpty(Mono.fromSupplier(known::get))
                    .onErrorResume(error -> known.get() != null, error -> Mono.just(known.get()));
        });
    }

    private boolean fresh(Instant at, Instant now) {
        return Duration.between(at, now).compareTo(checkInterval) < 0;
    }

    /** Keeps the later of what is known and {@code candidate}; returns the one kept. */
    private Manifest remember(Manifest candidate) {
        return known.accumulateAndGet(candidate, (old, found) -> old == null
                || found.timings().finishedAt().isAfter(old.timings().finishedAt()) ? found : old);
    }
}
