package io.lifeboat.backup;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot on {@code lifeboat.schedule.cron} (default every 15 minutes, at second 0).
 * A run that finds a backup still running is skipped, not queued. Off with
 * {@code lifeboat.schedule.enabled=false} (and always in {@code --once} mode).
 */
@Singleton
@Requires(property = "lifeboat.schedule.enabled", notEquals = "false")
public class ScheduledBackup {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackup.class);

    private final BackupService backups;

    public ScheduledBackup(BackupService backups) {
        this.backups = backups;
    }

    @Scheduled(cron = "${lifeboat.schedule.cron:0 */15 * * * *}")
    void run() {
        try {
            backups.backup().block();
        } catch (BackupInProgressException e) {
            LOG.info("scheduled backup skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Already counted and logged by BackupService; the schedule goes on.
            LOG.debug("scheduled backup failed", e);
        }
    }
}
