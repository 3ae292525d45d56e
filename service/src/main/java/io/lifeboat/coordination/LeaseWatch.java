package io.lifeboat.coordination;

import io.lifeboat.etcd.EtcdUnavailableException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Decides when a held lease is lost, from the TTLs etcd answers to keep-alives. The lock must
 * count as lost while etcd may still honour it, not after another instance could have taken it:
 * keep-alives go out every ttl/3 and two missed answers (2/3 of the TTL) are enough.
 */
final class LeaseWatch {

    private LeaseWatch() {
    }

    /** Keep-alives are sent this often: three chances per TTL. */
    static Duration keepAliveInterval(Duration ttl) {
        return ttl.dividedBy(3);
    }

    /** No answer for this long means the lease is lost. */
    static Duration silenceLimit(Duration ttl) {
        return ttl.multipliedBy(2).dividedBy(3);
    }

    /**
     * A Mono that never completes and errors with {@link EtcdUnavailableException} once the
     * lease is lost: etcd answers TTL 0 (the lease expired or was revoked, see etcd's
     * LeaseKeepAlive), the stream fails or ends, or no answer comes within {@link #silenceLimit}.
     * Cancelling it stops watching (and the keep-alives, when {@code ttls} sends them).
     *
     * @param ttls the TTL in seconds of each keep-alive answer
     */
    static Mono<Void> lost(Flux<Long> ttls, Duration ttl, Scheduler timer, String lock) {
        Duration limit = silenceLimit(ttl);
        return ttls
                .timeout(limit, timer)
                .handle((remaining, sink) -> {
                    if (remaining <= 0) {
                        sink.error(new EtcdUnavailableException("etcd expired the lease of " + lock
                                + ": the backup no longer holds the lock", null));
                    }
                })
                .then(Mono.<Void>error(() -> new EtcdUnavailableException("etcd ended the keep-alive stream of "
                        + lock + ": the backup no longer holds the lock", null)))
                .onErrorMap(TimeoutException.class, e -> new EtcdUnavailableException("etcd did not renew the lease of "
                        + lock + " for " + limit.toMillis() + " ms (lifeboat.lock.ttl " + ttl.toSeconds()
                        + "s): etcd is unreachable or lost quorum, the backup is stopped", e));
    }
}
