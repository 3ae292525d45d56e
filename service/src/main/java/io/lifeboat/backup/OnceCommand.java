package io.lifeboat.backup;

import io.lifeboat.coordination.LockNotAcquiredException;
import io.lifeboat.etcd.EtcdUnavailableException;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.store.StoreException;
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
                    .properties(Map.of("lifeboat.schedule.enabled", "false", "lifeboat.s3.sweep-on-start", "false"))
                    .properties(properties)
                    .start();
            backups = context.getBean(BackupService.class);
        } catch (RuntimeException e) {
            err.println("lifeboat: configuration error: " + rootMessage(e));
            if (context != null) {
                context.close();
            }
            return BAD_CONFIG;
        }
        try (ApplicationContext running = context) {
            Manifest manifest = backups.once().block();
            out.println("stored snapshot " + manifest.id() + " (revision " + manifest.revision() + ", "
                    + manifest.totalKeys() + " keys) at s3://" + context.getProperty("lifeboat.s3.bucket", String.class)
                    .orElse("") + "/" + manifest.object().key());
            out.println(manifest.id());
            return OK;
        } catch (RuntimeException e) {
            err.println("lifeboat: backup failed: " + rootMessage(e));
            int code = FailureKind.of(e).exitCode();
            if (FailureKind.of(e) == FailureKind.UNEXPECTED) {
                // Not one of the failures lifeboat explains: the stack trace is the detail a bug report needs.
                e.printStackTrace(err);
            }
            return code;
        }
    }

    /**
     * The outermost lifeboat message (it names the config key; causes below it explain the
     * detail): Micronaut wraps start-up errors in several layers of its own.
     */
    static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof EtcdUnavailableException
                    || t instanceof StoreException || t instanceof LockNotAcquiredException) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }
}
