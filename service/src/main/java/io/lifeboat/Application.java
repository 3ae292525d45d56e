package io.lifeboat;

import io.lifeboat.backup.OnceCommand;
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
        Micronaut.build(args).banner(false).eagerInitSingletons(true).mainClass(Application.class).start();
    }
}
