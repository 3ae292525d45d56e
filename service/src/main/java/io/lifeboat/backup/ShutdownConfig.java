package io.lifeboat.backup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code lifeboat.shutdown.*}: what the service does on SIGTERM (see {@link GracefulShutdown}).
 *
 * @param gracePeriod how long a running backup may take to finish, or a final snapshot may
 *     take, before it is cancelled and its upload aborted; keep it below the pod's
 *     terminationGracePeriodSeconds (or systemd's TimeoutStopSec) minus a few seconds for the abort
 * @param finalSnapshot take one more snapshot when none is running (the RAM-disk node's last
 *     chance while etcd still runs)
 */
@ConfigurationProperties("lifeboat.shutdown")
public record ShutdownConfig(
        @Bindable(defaultValue = "25s") Duration gracePeriod,
        @Bindable(defaultValue = "true") boolean finalSnapshot) {
}
