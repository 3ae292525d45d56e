package io.lifeboat.backup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code lifeboat.*} settings of the backup itself.
 *
 * @param cluster name of this cluster's folder in the bucket; give each cluster its own
 * @param maxSnapshotAge {@code /health} reports DOWN when the newest snapshot is older
 * @param backupDeadline a backup still running after this long is cancelled, its upload
 *     aborted, and counted as failed (reason timeout)
 * @param newestCheckInterval when the newest snapshot this instance knows (its own last success,
 *     or what it last read from the bucket) is older than this, {@code /health} and the trigger
 *     limit read the bucket's newest again, at most once per interval: another instance may be
 *     the one taking the snapshots
 */
@ConfigurationProperties("lifeboat")
public record BackupConfig(
        @Bindable(defaultValue = "default") String cluster,
        @Bindable(defaultValue = "1h") Duration maxSnapshotAge,
        @Bindable(defaultValue = "1h") Duration backupDeadline,
        @Bindable(defaultValue = "1m") Duration newestCheckInterval) {
}
