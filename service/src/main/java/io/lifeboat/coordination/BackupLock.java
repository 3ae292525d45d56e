package io.lifeboat.coordination;

import io.lifeboat.etcd.EtcdChannels;
import io.lifeboat.etcd.EtcdErrors;
import io.lifeboat.etcd.EtcdMember;
import io.lifeboat.etcd.EtcdUnavailableException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One writer per cluster: runs a backup only while holding the cluster's etcd lock.
 *
 * <p>Keys, under a prefix of their own (never a Kubernetes key):
 * {@code /lifeboat/<cluster>/backup-lock} (who holds it and since when, attached to a lease of
 * {@code lifeboat.lock.ttl}) and {@code /lifeboat/<cluster>/last-tick} (the nominal time of the
 * newest scheduled tick taken, no lease: it must outlive the holder). The lease is kept alive
 * while the backup runs and revoked when it ends, by any path; a killed holder's lock goes when
 * etcd expires its lease. If the lease can no longer be kept alive the backup is cancelled
 * (which aborts its upload) and fails as etcd_unavailable: another instance may take the lock.
 *
 * <p>The lock's calls go to the member that is snapshotted: it has just proved it has a leader.
 */
public final class BackupLock {

    private static final Logger LOG = LoggerFactory.getLogger(BackupLock.class);
    private static final Duration WAIT_POLL = Duration.ofMillis(500);

    private final LockConfig config;
    private final String lockKey;
    private final String tickKey;
    private final EtcdChannels channels;
    private final Clock clock;
    private final Scheduler timer = Schedulers.parallel();

    public BackupLock(LockConfig config, String cluster, EtcdChannels channels, Clock clock) {
        this.config = config.validated();
        this.lockKey = "/lifeboat/" + cluster + "/backup-lock";
        this.tickKey = "/lifeboat/" + cluster + "/last-tick";
        this.channels = channels;
        this.clock = clock;
    }

    public String lockKey() {
        return lockKey;
    }

    public String tickKey() {
        return tickKey;
    }

    /**
     * Runs {@code backup} while holding the lock.
     *
     * @return the backup's outcome; errors with {@link LockNotAcquiredException} when another
     *     instance holds the lock (for {@code --once}: after lifeboat.lock.wait) or took the tick,
     *     and with EtcdUnavailableException when the lease is lost mid-backup
     */
    public <T> Mono<T> holding(EtcdMember member, LockRequest request, Supplier<Mono<T>> backup) {
        if (!config.enabled()) {
            return Mono.defer(backup);
        }
        EtcdLockStore store = new EtcdLockStore(channels.channel(member.endpoint()), config.ttl());
        return Mono.usingWhen(headStart(member, request).then(Mono.defer(() -> acquire(store, member, request))),
                held -> Mono.firstWithSignal(Mono.defer(backup),
                        LeaseWatch.lost(store.keepAlive(held.lease, LeaseWatch.keepAliveInterval(config.ttl()), timer),
                                config.ttl(), timer, lockKey).then(Mono.<T>never())),
                held -> release(store, held),
                (held, error) -> release(store, held),
                held -> release(store, held));
    }

    /**
     * Snapshotting the raft leader adds to its load, so an instance on the leader gives the
     * others a head start at a scheduled tick. Explicit runs do not race, so they do not wait.
     */
    private Mono<Void> headStart(EtcdMember member, LockRequest request) {
        if (!request.scheduled() || !member.leader() || config.leaderHeadStart().isZero()) {
            return Mono.empty();
        }
        LOG.debug("member {} is the raft leader: waiting {} before trying the lock", member.memberId(),
                config.leaderHeadStart());
        return Mono.delay(config.leaderHeadStart(), timer).then();
    }

    private Mono<Held> acquire(EtcdLockStore store, EtcdMember member, LockRequest request) {
        Mono<Held> once = Mono.fromCallable(() -> tryOnce(store, member, request))
                .subscribeOn(Schedulers.boundedElastic());
        if (request.kind() != LockRequest.Kind.ONCE) {
            return once;
        }
        Instant deadline = clock.instant().plus(config.onceWait());
        return once.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, WAIT_POLL)
                        .filter(e -> e instanceof LockNotAcquiredException && clock.instant().isBefore(deadline)))
                .onErrorMap(LockNotAcquiredException.class, e -> new LockNotAcquiredException(e.reason(),
                        e.getMessage() + "; gave up after lifeboat.lock.wait " + config.onceWait()));
    }

    private Held tryOnce(EtcdLockStore store, EtcdMember member, LockRequest request) {
        long lease;
        try {
            lease = store.grant(config.ttl());
        } catch (RuntimeException e) {
            throw EtcdErrors.translate("lease for " + lockKey + " at etcd " + member.endpoint(), e);
        }
        try {
            LockAttempt attempt = store.tryLock(lockKey, tickKey, holder(member), lease);
            var refusal = attempt.refusal(request);
            if (refusal.isPresent()) {
                revokeQuietly(store, lease);
                throw new LockNotAcquiredException(refusal.get(), refusal.get() == SkipReason.LOCK_HELD
                        ? "another lifeboat holds " + lockKey + " (" + attempt.holder() + ")"
                        : "tick " + request.tick() + " was already taken (" + tickKey + " = "
                                + attempt.lastTick().orElseThrow() + ")");
            }
            if (request.scheduled() && !store.recordTick(lockKey, attempt.lockRevision(), tickKey, request.tick())) {
                revokeQuietly(store, lease);
                throw new EtcdUnavailableException("lost " + lockKey + " before the backup started (lease expired:"
                        + " is etcd overloaded? lifeboat.lock.ttl is " + config.ttl() + ")", null);
            }
            LOG.debug("holding {} (lease {}) for {}", lockKey, Long.toHexString(lease), request);
            return new Held(lease);
        } catch (LockNotAcquiredException | EtcdUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Granted but not used: revoke so that a failed attempt never keeps the lock.
            revokeQuietly(store, lease);
            throw EtcdErrors.translate("lock " + lockKey + " at etcd " + member.endpoint(), e);
        }
    }

    private Mono<Void> release(EtcdLockStore store, Held held) {
        return Mono.fromRunnable(() -> revokeQuietly(store, held.lease)).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private void revokeQuietly(EtcdLockStore store, long lease) {
        try {
            store.revoke(lease);
        } catch (RuntimeException e) {
            // The lease expires by itself within lifeboat.lock.ttl: the lock is only held that much longer.
            LOG.warn("could not release {} (it frees itself within lifeboat.lock.ttl {}): {}", lockKey, config.ttl(),
                    e.getMessage());
        }
    }

    /** The lock key's value: enough for an operator to find the holder (no secret in it). */
    private String holder(EtcdMember member) {
        return "lifeboat " + ManagementFactory.getRuntimeMXBean().getName() + " snapshotting member " + member.memberId()
                + " since " + clock.instant();
    }

    private record Held(long lease) {
    }
}
