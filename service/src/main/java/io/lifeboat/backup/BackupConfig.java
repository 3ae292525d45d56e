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
 */
@ConfigurationProperties("lifeboat")
public record BackupConfig(
        @Bindable(defaultValue = "default") String cluster,
        @Bindable(defaultValue = "1h") Duration maxSnapshotAge,
        @Bindable(defaultValue = "1h") Duration backupDeadline) {
}
