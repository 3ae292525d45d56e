package io.lifeboat.backup;

import io.lifeboat.coordination.BackupTick;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.cron.CronExpression;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot on {@code lifeboat.schedule.cron} (default every 15 minutes, at second 0).
 * A run that finds a backup still running is skipped, not queued; so is a tick another instance
 * of the cluster took (see {@link BackupTick}). Off with
 * {@code lifeboat.schedule.enabled=false} (and always in {@code --once} mode).
 */
@Singleton
@Requires(property = "lifeboat.schedule.enabled", notEquals = "false")
public class ScheduledBackup {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackup.class);

    private final BackupService backups;
    private final CronExpression cron;

    public ScheduledBackup(BackupService backups, @Value("${lifeboat.schedule.cron:0 */15 * * * *}") String cron) {
        this.backups = backups;
        this.cron = CronExpression.create(cron);
    }

    @Scheduled(cron = "${lifeboat.schedule.cron:0 */15 * * * *}")
    void run() {
        // Micronaut reads the cron in the JVM's default zone; the tick must be computed the same way.
        Instant tick = BackupTick.nearest(cron, Instant.now(), ZoneId.systemDefault());
        try {
            backups.scheduled(tick).block();
        } catch (BackupInProgressException e) {
            LOG.info("scheduled backup skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Already counted and logged by BackupService; the schedule goes on.
            LOG.debug("scheduled backup failed", e);
        }
    }
}
