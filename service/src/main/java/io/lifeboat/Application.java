package io.lifeboat;

import io.lifeboat.backup.OnceCommand;
import io.lifeboat.failure.FailureKind;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/**
 * The lifeboat service. {@code java -jar lifeboat-service.jar} runs the HTTP service with its
 * schedule; {@code --once} takes one snapshot and exits (see {@link OnceCommand}).
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--once")) {
            System.exit(OnceCommand.run(args));
        }
        // Eager singletons: a bad setting stops start-up at once, naming its key, not at the first backup.
        new ServiceLauncher().args(args).banner(false).eagerInitSingletons(true).mainClass(Application.class).start();
    }

    /**
     * Micronaut exits 1 whatever stopped start-up; a bad setting exits 2 here, as it does for
     * {@code --once} and the CLI, so systemd units and scripts can tell "fix the config" from a crash.
     */
    private static final class ServiceLauncher extends Micronaut {

        @Override
        protected void handleStartupException(Environment environment, Throwable error) {
            boolean test = environment != null && environment.getActiveNames().contains(Environment.TEST);
            if (FailureKind.of(error) == FailureKind.CONFIGURATION && !test) {
                System.err.println("lifeboat: configuration error: " + configurationMessage(error));
                System.exit(FailureKind.CONFIGURATION.exitCode());
            }
            super.handleStartupException(environment, error);
        }

        /** lifeboat's own message names the key; Micronaut wraps it in layers of bean-creation context. */
        private static String configurationMessage(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException) {
                    return t.getMessage();
                }
            }
            return error.getMessage();
        }
    }
}
