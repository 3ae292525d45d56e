package io.lifeboat.cli;

import io.lifeboat.bbolt.BboltFormatException;
import io.lifeboat.catalog.SnapshotNotFoundException;
import io.lifeboat.manifest.ManifestFormatException;
import io.lifeboat.restore.EtcdToolException;
import io.lifeboat.restore.TargetRefusedException;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import io.lifeboat.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * lifeboat's exit codes, stable for scripts. Documented in {@code --help} (the {@code exitCodeList}
 * of {@link Lifeboat}) and in the README: change all three together.
 */
final class ExitCodes {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int INTEGRITY = 4;
    static final int STORE_UNREACHABLE = 5;
    static final int TARGET_REFUSED = 6;
    static final int ETCD_TOOL = 7;

    private ExitCodes() {
    }

    static int of(Throwable e) {
        if (e instanceof SnapshotNotFoundException || e instanceof NoSuchFileException) {
            return NOT_FOUND;
        }
        if (e instanceof SnapshotIntegrityException || e instanceof BboltFormatException
                || e instanceof ManifestFormatException) {
            return INTEGRITY;
        }
        if (e instanceof StoreException) {
            return STORE_UNREACHABLE;
        }
        // Local disk trouble (full, read-only, permissions) is the target's, not a bug.
        if (e instanceof TargetRefusedException || e instanceof UncheckedIOException || e instanceof IOException) {
            return TARGET_REFUSED;
        }
        if (e instanceof EtcdToolException) {
            return ETCD_TOOL;
        }
        if (e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return UNEXPECTED;
    }
}
