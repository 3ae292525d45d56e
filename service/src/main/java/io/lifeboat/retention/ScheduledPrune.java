package io.lifeboat.retention;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * A retention pass on {@code lifeboat.retention.cron} (default hourly at minute 7), besides the
 * one after each backup: it prunes on a node whose backups fail or are taken by other
 * instances. Off with {@code lifeboat.retention.enabled=false}, and with the backup schedule
 * ({@code lifeboat.schedule.enabled=false}, always so in {@code --once} mode).
 */
@Singleton
@Requires(property = "lifeboat.retention.enabled", notEquals = "false")
@Requires(property = "lifeboat.schedule.enabled", notEquals = "false")
public class ScheduledPrune {

    private final Prune prune;

    public ScheduledPrune(Prune prune) {
        this.prune = prune;
    }

    @Scheduled(cron = "${lifeboat.retention.cron:0 7 * * * *}")
    void run() {
        prune.scheduled().block();
    }
}
