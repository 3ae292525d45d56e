package io.lifeboat;

import io.lifeboat.backup.GracefulShutdown;
import io.lifeboat.backup.OnceCommand;
import io.lifeboat.failure.FailureKind;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import java.io.PrintStream;
import org.slf4j.LoggerFactory;
import java.util.Arrays;

/**
 * The lifeboat service. {@code java -jar lifeboat-service.jar} runs the HTTP service with its
 * schedule; {@code --once} takes one snapshot and exits (see {@link OnceCommand}).
 *
 * <p>Start-up failures print one line naming the setting or the cause, never a stack trace
 * for a failure lifeboat explains, and exit with the kind's code (2 for configuration). On
 * SIGTERM the service drains ({@link GracefulShutdown}) and then exits 0, or 130 if it had to
 * cancel a running backup.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--once")) {
            System.exit(OnceCommand.run(args));
        }
        ApplicationContext context;
        try {
            // Eager singletons: a bad setting stops start-up at once, naming its key, not at the first backup.
            context = Micronaut.build(args).banner(false).eagerInitSingletons(true).mainClass(Application.class)
                    .build().start();
            context.findBean(EmbeddedApplication.class).ifPresent(application -> {
                application.start();
                if (application instanceof io.micronaut.runtime.server.EmbeddedServer server) {
                    LoggerFactory.getLogger(Application.class).info("lifeboat service started, HTTP on {}",
                            server.getURL());
                }
            });
        } catch (RuntimeException e) {
            System.exit(startupFailure(e, System.err));
            return;
        }
        ApplicationContext running = context;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GracefulShutdown shutdown = running.getBean(GracefulShutdown.class);
            shutdown.drain(true);
            running.close();
            System.err.flush();
            // A JVM stopped by SIGTERM would exit 143; say instead whether the drain was clean.
            Runtime.getRuntime().halt(shutdown.cancelledABackup() ? FailureKind.INTERRUPTED.exitCode() : 0);
        }, "lifeboat-shutdown"));
    }

    /** Prints why start-up failed and returns the exit code. */
    public static int startupFailure(Throwable e, PrintStream err) {
        FailureKind kind = FailureKind.of(e);
        if (kind == FailureKind.CONFIGURATION) {
            err.println("lifeboat: configuration error: " + OnceCommand.rootMessage(e));
        } else if (kind == FailureKind.UNEXPECTED) {
            err.println("lifeboat: cannot start: " + e);
            e.printStackTrace(err);
        } else {
            err.println("lifeboat: cannot start: " + OnceCommand.rootMessage(e));
        }
        return kind.exitCode();
    }
}
