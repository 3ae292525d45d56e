package io.lifeboat.coordination;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.configuration.SettingsCheck;
import io.lifeboat.etcd.EtcdChannels;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the backup lock from {@code lifeboat.lock.*}; a bad setting fails start-up naming its key. */
@Factory
public class CoordinationFactory {

    /** Takes the settings check so that it has run before the lock is built from the settings. */
    public CoordinationFactory(SettingsCheck checked) {
    }

    @Singleton
    BackupLock backupLock(LockConfig config, BucketLayout layout, EtcdChannels channels) {
        // The cluster name as the bucket layout validated it: the same name keys the lock and the bucket folder.
        return new BackupLock(config, layout.cluster(), channels, Clock.systemUTC());
    }
}
