package io.lifeboat.coordination;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code lifeboat.lock.*}: one writer per cluster. Every backup holds an etcd lease-backed lock
 * while it runs, so instances on the same cluster (a DaemonSet, or a {@code --once} next to the
 * service) never snapshot at the same time.
 *
 * @param enabled take the lock; off only for a single instance that is sure to be alone
 * @param ttl the lease's time to live: how long a killed holder keeps the lock (at least 2s,
 *     etcd's own minimum lease TTL with default election settings)
 * @param leaderHeadStart how long an instance whose member is the raft leader waits before
 *     trying, so that a follower takes the snapshot (a snapshot adds load to the leader); 0 allowed
 * @param onceWait {@code lifeboat.lock.wait} (a record cannot have a component named wait): how long {@code --once} waits for a lock another instance holds before exiting 9
 */
@ConfigurationProperties("lifeboat.lock")
public record LockConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "15s") Duration ttl,
        @Bindable(defaultValue = "2s") Duration leaderHeadStart,
        @Property(name = "lifeboat.lock.wait") @Bindable(defaultValue = "60s") Duration onceWait) {

    static final Duration MINIMUM_TTL = Duration.ofSeconds(2);

    /** Fails start-up with the key and the bad value. */
    public LockConfig validated() {
        if (ttl == null || ttl.compareTo(MINIMUM_TTL) < 0) {
            throw new IllegalArgumentException("lifeboat.lock.ttl must be at least 2s (etcd's minimum lease TTL), got "
                    + ttl);
        }
        if (ttl.toMillis() % 1000 != 0) {
            // etcd leases have whole seconds: a fraction would be silently rounded.
            throw new IllegalArgumentException("lifeboat.lock.ttl must be whole seconds, got " + ttl);
        }
        if (leaderHeadStart == null || leaderHeadStart.isNegative()) {
            throw new IllegalArgumentException("lifeboat.lock.leader-head-start must be 0 or more, got "
                    + leaderHeadStart);
        }
        if (onceWait == null || onceWait.isNegative()) {
            throw new IllegalArgumentException("lifeboat.lock.wait must be 0 or more, got " + onceWait);
        }
        return this;
    }
}
