package io.lifeboat.retention;

import io.lifeboat.catalog.PrunePass;
import io.lifeboat.catalog.Pruner;
import io.lifeboat.coordination.BackupLock;
import io.lifeboat.coordination.LockNotAcquiredException;
import io.lifeboat.coordination.LockRequest;
import io.lifeboat.etcd.EtcdMembers;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The service's retention pass ({@link Pruner}'s rules): deletes the snapshots outside every
 * tier of {@code lifeboat.retention.*}, records and tags the tiers of the rest, logs and updates
 * {@link RetentionMetrics}. Runs after each successful backup, inside its lock ({@link #underLock}),
 * and on {@code lifeboat.retention.cron} ({@link #scheduled}), which takes the lock itself.
 *
 * <p>A pass never fails its caller: a pass that cannot list the catalog prunes nothing and is
 * counted and logged; a failed delete or tier update is counted and tried again next pass. One
 * pass at a time in this process: a pass that finds one running is skipped.
 */
@Singleton
public class Prune {

    private static final Logger LOG = LoggerFactory.getLogger(Prune.class);

    private final Pruner pruner;
    private final RetentionConfig config;
    private final RetentionPolicy policy;
    private final RetentionMetrics metrics;
    private final EtcdMembers members;
    private final BackupLock lock;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public Prune(Pruner pruner, RetentionConfig config, RetentionMetrics metrics, EtcdMembers members, BackupLock lock) {
        this(pruner, config, metrics, members, lock, Clock.systemUTC());
    }

    Prune(Pruner pruner, RetentionConfig config, RetentionMetrics metrics, EtcdMembers members, BackupLock lock,
          Clock clock) {
        this.pruner = pruner;
        this.config = config;
        this.policy = config.policy();
        this.metrics = metrics;
        this.members = members;
        this.lock = lock;
        this.clock = clock;
    }

    /**
     * One pass; the caller holds the cluster's backup lock (the backup it follows does).
     *
     * @return what it did; empty when retention is off, another pass runs, or the catalog could not be listed
     */
    public Mono<PrunePass> underLock() {
        return Mono.defer(() -> {
            if (!config.enabled()) {
                return Mono.empty();
            }
            if (!running.compareAndSet(false, true)) {
                LOG.info("retention pass skipped: another pass is running in this process");
                return Mono.empty();
            }
            return pruner.prune(clock.instant(), policy, config.dryRun())
                    .doOnNext(this::report)
                    .onErrorResume(e -> {
                        metrics.failed();
                        LOG.warn("retention pass failed, nothing pruned: {}", e.getMessage());
                        return Mono.empty();
                    })
                    .doFinally(signal -> running.set(false));
        });
    }

    /**
     * The cron's pass: holds the backup lock as an explicit backup does (try once, no schedule
     * tick recorded, so backup ticks are not disturbed). A held lock means another instance is
     * backing up, and its backup prunes when it ends: the pass is skipped, not counted as failed.
     */
    public Mono<PrunePass> scheduled() {
        return members.firstReachable()
                .flatMap(member -> lock.holding(member, LockRequest.triggered(), this::underLock))
                .onErrorResume(LockNotAcquiredException.class, held -> {
                    LOG.info("scheduled retention pass skipped: {}", held.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    metrics.failed();
                    LOG.warn("scheduled retention pass skipped, nothing pruned: cannot take the backup lock: {}",
                            e.getMessage());
                    return Mono.empty();
                });
    }

    private void report(PrunePass pass) {
        metrics.passed(pass, clock.instant());
        if (pass.decision().refused()) {
            return;
        }
        if (pass.dryRun()) {
            LOG.info("retention dry run (lifeboat.retention.dry-run): would prune {} and retier {} snapshot(s);"
                    + " nothing changed", pass.decision().prune().size(), pass.toRetier().size());
        } else if (!pass.pruned().isEmpty() || !pass.retiered().isEmpty() || pass.failures() > 0) {
            LOG.info("retention pass: pruned {}, retiered {}, kept {} snapshot(s); {} failed call(s)",
                    pass.pruned().size(), pass.retiered().size(), pass.decision().kept().size(), pass.failures());
        }
    }
}
