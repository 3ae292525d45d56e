package io.lifeboat.backup;

import io.lifeboat.catalog.Catalog;
import io.lifeboat.coordination.BackupLock;
import io.lifeboat.coordination.LockNotAcquiredException;
import io.lifeboat.coordination.LockRequest;
import io.lifeboat.catalog.OrphanSweep;
import io.lifeboat.etcd.EtcdMembers;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.retention.Prune;
import io.lifeboat.store.MultipartUploader;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Takes snapshots, one at a time: the use case behind the schedule, the HTTP trigger and
 * {@code --once}. A trigger while a backup runs fails with {@link BackupInProgressException}
 * and does not disturb it. Each run first retries aborting uploads an earlier failure could
 * not abort, then streams a snapshot of the first usable member while holding the cluster's
 * backup lock ({@link BackupLock}): one writer per cluster across instances. After a success,
 * still under the lock, it prunes by the retention policy ({@link Prune}) and then sweeps orphans
 * ({@link OrphanSweep}), so that an object a prune could not delete goes in the same run.
 *
 * <p>A backup still running after {@code lifeboat.backup-deadline} is cancelled (its upload
 * aborted) and fails with {@link BackupDeadlineException}. {@link #close()} (on shutdown) stops
 * new backups; {@link #interrupt()} cancels the running one, which then fails with
 * {@link BackupInterruptedException} once its upload is aborted.
 */
@Singleton
public class BackupService {

    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private final EtcdMembers members;
    private final BackupPipeline pipeline;
    private final Catalog catalog;
    private final BackupMetrics metrics;
    private final BackupLock lock;
    private final MultipartUploader uploader;
    private final Duration deadline;
    private final OrphanSweep orphans;
    private final Prune prune;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Sinks.One<Boolean>> interruptRunning = new AtomicReference<>();
    private final NewestSnapshot newest;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public BackupService(EtcdMembers members, BackupPipeline pipeline, Catalog catalog, BackupMetrics metrics, OrphanSweep orphans, MultipartUploader uploader,
                         BackupConfig config, BackupLock lock, Prune prune) {
        this.uploader = uploader;
        this.deadline = config.backupDeadline();
        this.members = members;
        this.pipeline = pipeline;
        this.catalog = catalog;
        this.metrics = metrics;
        this.lock = lock;
        this.orphans = orphans;
        this.prune = prune;
        this.newest = new NewestSnapshot(catalog::newest, config.newestCheckInterval(), Clock.systemUTC());
    }

    /**
     * Starts a backup now and returns its outcome. The backup runs to its end even if the
     * caller stops listening (an HTTP client that hangs up does not abort it).
     *
     * @return the manifest; or BackupInProgressException at once if a backup is running here,
     *     LockNotAcquiredException if another instance's backup holds the lock
     */
    public Mono<Manifest> backup() {
        return run(LockRequest.triggered());
    }

    /**
     * The schedule's run for {@code tick}: empty (a skip, counted, not a failure) when another
     * instance holds the lock or already took this tick.
     */
    public Mono<Manifest> scheduled(Instant tick) {
        return run(LockRequest.scheduled(tick));
    }

    /** {@code --once}: waits up to lifeboat.lock.wait for another instance's backup, then LockNotAcquiredException. */
    public Mono<Manifest> once() {
        return run(LockRequest.once());
    }

    private Mono<Manifest> run(LockRequest request) {
        if (closed.get()) {
            return Mono.error(new BackupInterruptedException("lifeboat is shutting down: no new backup starts"));
        }
        if (!running.compareAndSet(false, true)) {
            return Mono.error(new BackupInProgressException());
        }
        metrics.started();
        Sinks.One<Boolean> interrupt = Sinks.one();
        interruptRunning.set(interrupt);
        Mono<Manifest> run = uploader.retryAborts()
                .then(members.firstReachable())
                // Prune and orphan sweep run under the lock too: only the cluster's one writer deletes,
                // and a failed prune or sweep is logged and never fails the backup.
                .flatMap(member -> lock.holding(member, request,
                        () -> pipeline.backup(member, members.source(member).snapshot())
                                .flatMap(manifest -> prune.underLock().then(orphans.sweep()).thenReturn(manifest))))
                // Both cancel the pipeline, whose multipart upload is then aborted (usingWhen's cancel path).
                .timeout(deadline, Mono.error(() -> new BackupDeadlineException("the backup did not finish within"
                        + " lifeboat.backup-deadline (" + deadline + "); cancelled, its upload aborted", null)))
                .takeUntilOther(interrupt.asMono())
                .switchIfEmpty(Mono.error(() -> new BackupInterruptedException(
                        "lifeboat is shutting down: the running backup was cancelled and its upload aborted")))
                .doOnSuccess(this::succeeded)
                .doOnError(this::failed)
                .onErrorResume(e -> e instanceof LockNotAcquiredException && request.scheduled(), e -> Mono.empty())
                .doFinally(signal -> running.set(false))
                .cache();
        run.subscribe(manifest -> { }, error -> { });
        return run;
    }

    /** Stops new backups from starting (shutdown). A running one goes on. */
    public void close() {
        closed.set(true);
    }

    /** Cancels the running backup, if any; its upload is aborted. See {@link #awaitIdle}. */
    public void interrupt() {
        Sinks.One<Boolean> interrupt = interruptRunning.get();
        if (interrupt != null) {
            interrupt.tryEmitValue(true);
        }
    }

    /**
     * Waits until no backup runs and none of its uploads is open (completed or aborted).
     *
     * @return false if {@code timeout} passed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (running.get()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Thread.sleep(20);
        }
        return uploader.awaitNoneOpen(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
    }

    public boolean isRunning() {
        return running.get();
    }

    /**
     * The cluster's newest snapshot: this service's own last success or the bucket's newest,
     * whichever is later; the bucket is read again when what is known is older than
     * {@code lifeboat.newest-check-interval} ({@link NewestSnapshot}). Empty if there is none.
     */
    public Mono<Manifest> newest() {
        return newest.get();
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    private void succeeded(Manifest manifest) {
        if (manifest == null) {
            return;
        }
        newest.succeeded(manifest);
        lastError.set(null);
        metrics.succeeded(manifest);
        LOG.info("snapshot {} stored: revision {}, {} keys, {} db bytes -> {} bytes at {} in {} ms", manifest.id(),
                manifest.revision(), manifest.totalKeys(), manifest.dbSizeBytes(), manifest.object().sizeBytes(),
                manifest.object().key(), manifest.timings().durationMillis());
    }

    private void failed(Throwable error) {
        if (error instanceof LockNotAcquiredException skip) {
            // Another instance has this backup: not a failure of this one.
            metrics.skipped(skip.reason());
            LOG.info("backup skipped ({}): {}", skip.reason().label(), skip.getMessage());
            return;
        }
        FailureKind reason = FailureKind.of(error);
        metrics.failed(reason);
        lastError.set(String.valueOf(error.getMessage()));
        if (reason == FailureKind.UNEXPECTED) {
            // Not a failure lifeboat explains: the stack trace is what a bug report needs.
            LOG.error("backup failed ({}): {}", reason.label(), error.toString(), error);
        } else {
            LOG.error("backup failed ({}): {}", reason.label(), error.getMessage());
        }
    }
}
