package io.lifeboat.backup;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service does when it is stopped (SIGTERM from the kubelet or systemd, or the
 * application context closing), before any client is closed:
 *
 * <ol>
 *   <li>no new backup starts (schedule and HTTP trigger are refused);</li>
 *   <li>a running backup may finish within {@code lifeboat.shutdown.grace-period};</li>
 *   <li>if none runs and {@code lifeboat.shutdown.final-snapshot} is on, one last snapshot is
 *       taken within the same budget: on a RAM-disk node etcd is still up now, and this may be
 *       the snapshot the next boot restores;</li>
 *   <li>what is still running then is cancelled and its multipart upload aborted (bounded by
 *       {@code lifeboat.s3.part-timeout}); only then do the S3 and etcd clients close.</li>
 * </ol>
 *
 * <p>The service's SIGTERM hook ({@code Application}) calls {@link #drain(boolean)} with the
 * final snapshot allowed. Any other close of the context (tests, {@code --once}) drains on
 * Micronaut's {@link ShutdownEvent}, which is published before any bean is destroyed, without
 * a final snapshot: today's bug was the S3 client shut down under a running backup
 * (RejectedExecutionException, the abort failing, the upload left behind).
 */
@Singleton
public class GracefulShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    /** After the grace period, how long the cancel's abort may take before clients close anyway. */
    private static final Duration ABORT_ALLOWANCE = Duration.ofSeconds(15);

    private final BackupService backups;
    private final ShutdownConfig config;
    private final ExecutorService scheduler;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean cancelledABackup;

    public GracefulShutdown(BackupService backups, ShutdownConfig config,
                            @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler) {
        this.backups = backups;
        this.config = config;
        this.scheduler = scheduler;
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        drain(false);
    }

    /**
     * Runs the steps above once; later calls return at once.
     *
     * @param finalSnapshotAllowed whether step 3 may run (only on a real stop of the service)
     */
    public void drain(boolean finalSnapshotAllowed) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        // The schedule stops first: a tick that fires while the context closes would start a new
        // backup (and create beans again) under the shutdown.
        scheduler.shutdown();
        try {
            if (backups.isRunning()) {
                backups.close();
                LOG.info("shutting down: waiting up to {} s for the running backup", config.gracePeriod().toSeconds());
            } else if (finalSnapshotAllowed && config.finalSnapshot()) {
                LOG.info("shutting down: taking a final snapshot (up to {} s)", config.gracePeriod().toSeconds());
                backups.backup().subscribe(manifest -> { }, error -> { });
                backups.close();
            } else {
                backups.close();
            }
            if (!backups.awaitIdle(config.gracePeriod())) {
                cancelledABackup = true;
                LOG.warn("shutting down: the backup did not finish within lifeboat.shutdown.grace-period ({} s);"
                        + " cancelling it and aborting its upload", config.gracePeriod().toSeconds());
                backups.interrupt();
                if (!backups.awaitIdle(ABORT_ALLOWANCE)) {
                    LOG.error("shutting down: the upload could not be aborted in time; the next start-up sweep"
                            + " (and the bucket's lifecycle rule) will remove it");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backups.interrupt();
        }
    }

    /** Whether the shutdown had to cancel a backup (the service then exits 130, else 0). */
    public boolean cancelledABackup() {
        return cancelledABackup;
    }
}
