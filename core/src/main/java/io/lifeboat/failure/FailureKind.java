package io.lifeboat.failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;

/**
 * What kind of failure stopped lifeboat: the one classification that every entry point maps,
 * each in one place. The CLI and {@code --once} exit with {@link #exitCode()} (one table for
 * both, documented in the README), the service counts failed backups by {@link #label()}
 * ({@code lifeboat_backup_failures_total{reason=...}}), and the HTTP API turns kinds into
 * status codes.
 *
 * <p>Exit codes are stable for scripts: never renumber one, only add.
 */
public enum FailureKind {
    /** A bug: not a failure lifeboat explains. Logged with its stack trace. */
    UNEXPECTED(1, "other"),
    /** A bad option, argument or setting: fix the command line or the configuration. */
    CONFIGURATION(2, "configuration"),
    /** No snapshot (or file) matches what was asked for. */
    NOT_FOUND(3, "not_found"),
    /** A snapshot or manifest is damaged or contradicts itself. */
    INTEGRITY(4, "integrity"),
    /** The bucket could not be reached, read or written: endpoint, credentials, permissions, network. */
    STORE_UNAVAILABLE(5, "store_unavailable"),
    /** A restore target that cannot take the data dir: not empty, not tmpfs, no room, a local disk error. */
    TARGET_REFUSED(6, "target_refused"),
    /** etcd's own tools (etcdutl/etcdctl, etcd) are missing or failed. */
    ETCD_TOOL(7, "etcd_tool"),
    /** No etcd member could be snapshotted: unreachable, no leader, an alarm, or the stream stalled. */
    ETCD_UNAVAILABLE(8, "etcd_unavailable"),
    /** Another backup of this cluster holds the lock, or runs in this process: nothing was done. */
    BUSY(9, "busy"),
    /** A deadline passed: the backup as a whole took longer than {@code lifeboat.backup-deadline}. */
    TIMEOUT(10, "timeout"),
    /**
     * The snapshot's object is in an archive storage class (GLACIER, DEEP_ARCHIVE) and not thawed:
     * request a thaw ({@code lifeboat restore --request-thaw}) and retry when it is done.
     */
    ARCHIVED(11, "archived"),
    /** Stopped by SIGINT/SIGTERM (128 + 2, as shells report an interrupted command). */
    INTERRUPTED(130, "interrupted");

    private final int exitCode;
    private final String label;

    FailureKind(int exitCode, String label) {
        this.exitCode = exitCode;
        this.label = label;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The metric label and JSON {@code reason}: lower case, stable. */
    public String label() {
        return label;
    }

    /**
     * The kind of {@code error}: the kind its nearest {@link Classified} cause carries;
     * otherwise a bad argument ({@link IllegalArgumentException}) is {@link #CONFIGURATION},
     * a missing local file {@link #NOT_FOUND}, local disk trouble {@link #TARGET_REFUSED},
     * a cancellation {@link #INTERRUPTED}, and anything else {@link #UNEXPECTED}.
     */
    public static FailureKind of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Classified classified) {
                return classified.kind();
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return CONFIGURATION;
            }
            if (t instanceof NoSuchFileException) {
                return NOT_FOUND;
            }
            if (t instanceof UncheckedIOException || t instanceof IOException) {
                return TARGET_REFUSED;
            }
            if (t instanceof CancellationException || t instanceof InterruptedException) {
                return INTERRUPTED;
            }
        }
        return UNEXPECTED;
    }

    /** An exception that knows its kind. Every lifeboat exception is one. */
    public interface Classified {
        FailureKind kind();
    }
}
