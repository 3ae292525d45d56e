package io.lifeboat.coordination;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.etcd.EtcdChannels;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the backup lock from {@code lifeboat.lock.*}; a bad setting fails start-up naming its key. */
@Factory
public class CoordinationFactory {

    @Singleton
    BackupLock backupLock(LockConfig config, BucketLayout layout, EtcdChannels channels) {
        // The cluster name as the bucket layout validated it: the same name keys the lock and the bucket folder.
        return new BackupLock(config, layout.cluster(), channels, Clock.systemUTC());
    }
}
