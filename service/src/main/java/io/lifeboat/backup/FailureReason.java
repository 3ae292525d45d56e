package io.lifeboat.backup;

import io.lifeboat.bbolt.BboltFormatException;
import io.lifeboat.etcd.EtcdUnavailableException;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import io.lifeboat.store.StoreException;

/** Why a backup failed, as the {@code reason} label of {@code lifeboat_backup_failures_total}. */
public enum FailureReason {
    ETCD_UNAVAILABLE,
    STORE_UNAVAILABLE,
    INTEGRITY,
    OTHER;

    public static FailureReason of(Throwable error) {
        if (error instanceof EtcdUnavailableException) {
            return ETCD_UNAVAILABLE;
        }
        if (error instanceof StoreException) {
            return STORE_UNAVAILABLE;
        }
        if (error instanceof SnapshotIntegrityException || error instanceof BboltFormatException) {
            return INTEGRITY;
        }
        return OTHER;
    }

    public String label() {
        return name().toLowerCase();
    }
}
