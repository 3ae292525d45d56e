package io.lifeboat.backup;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.manifest.Manifest;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code --once}: one snapshot with the configured settings, no HTTP server, no schedule.
 * The last line on stdout is the snapshot id; failures print the reason on stderr.
 *
 * <p>Exit codes: 0 stored, else {@link FailureKind#exitCode()} (the table shared with the
 * restore CLI: 2 bad configuration, 4 integrity, 5 bucket unreachable, 8 etcd unreachable,
 * 9 another instance holds the lock, 130 interrupted, 1 anything else).
 */
public final class OnceCommand {

    public static final int OK = 0;
    public static final int BAD_CONFIG = FailureKind.CONFIGURATION.exitCode();
    /** How long a signal may wait for the running backup's upload to be aborted. */
    private static final java.time.Duration ABORT_ALLOWANCE = java.time.Duration.ofSeconds(20);

    private OnceCommand() {
    }

    public static int run(String[] args) {
        return run(args, Map.of(), System.out, System.err);
    }

    static int run(String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        ApplicationContext context = null;
        BackupService backups;
        try {
            context = ApplicationContext.builder()
                    .args(args)
                    // No schedule: one run is all --once takes. The abandoned-upload sweep does run (at
                    // start-up), as in the service.
                    .properties(Map.of("lifeboat.schedule.enabled", "false"))
                    .properties(properties)
                    .start();
            backups = context.getBean(BackupService.class);
        } catch (RuntimeException e) {
            closeQuietly(context);
            return io.lifeboat.Application.startupFailure(e, err);
        }
        // SIGTERM/SIGINT mid-backup: cancel it, wait for its upload to be aborted, exit 130.
        Thread onSignal = new Thread(() -> interrupted(backups, err), "lifeboat-once-interrupt");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            Manifest manifest = backups.once().block();
            out.println("stored snapshot " + manifest.id() + " (revision " + manifest.revision() + ", "
                    + manifest.totalKeys() + " keys) at s3://" + context.getProperty("lifeboat.s3.bucket", String.class)
                    .orElse("") + "/" + manifest.object().key());
            out.println(manifest.id());
            return OK;
        } catch (RuntimeException e) {
            FailureKind kind = FailureKind.of(e);
            err.println("lifeboat: backup failed (" + kind.label() + "): " + rootMessage(e));
            if (kind == FailureKind.UNEXPECTED) {
                // Not one of the failures lifeboat explains: the stack trace is the detail a bug report needs.
                e.printStackTrace(err);
            }
            return kind.exitCode();
        } finally {
            // A cancelled backup's abort is still on its way: the S3 client must outlive it.
            awaitIdle(backups);
            removeHook(onSignal);
            context.close();
        }
    }

    /** After a failed start-up, closing may fail again for the same bad setting: the first error is the one to report. */
    private static void closeQuietly(ApplicationContext context) {
        if (context == null) {
            return;
        }
        try {
            context.close();
        } catch (RuntimeException sameCause) {
            // Reported already.
        }
    }

    private static void awaitIdle(BackupService backups) {
        try {
            backups.awaitIdle(ABORT_ALLOWANCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shutdown hook's work: runs only when the JVM is stopped by a signal mid-backup. */
    private static void interrupted(BackupService backups, PrintStream err) {
        if (!backups.isRunning()) {
            return;
        }
        backups.interrupt();
        boolean clean;
        try {
            clean = backups.awaitIdle(ABORT_ALLOWANCE);
        } catch (InterruptedException e) {
            clean = false;
        }
        err.println("lifeboat: interrupted: " + (clean ? "the backup was cancelled and its upload aborted"
                : "the backup was cancelled; its upload could not be aborted in time and is left to the sweep"));
        err.flush();
        // halt, not exit: exit is refused during shutdown, and 130 must not become the JVM's 143.
        Runtime.getRuntime().halt(FailureKind.INTERRUPTED.exitCode());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it decides the exit code.
        }
    }

    /**
     * The message of the nearest lifeboat failure or bad setting (it names the key, bucket or
     * endpoint; causes below it explain the detail): Micronaut wraps start-up errors in several
     * layers of its own.
     */
    public static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FailureKind.Classified || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }
}
