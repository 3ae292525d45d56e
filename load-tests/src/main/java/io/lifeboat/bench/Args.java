package io.lifeboat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code --name value} options, the one parser of every benchmark's command line: {@link #pairs}
 * reads them, each option is then {@link #take}n by its parser, and {@link #noneLeft} refuses
 * what no parser took. {@link #orExit} is every main's way out: a bad command line is exit 2 and
 * its message, never a benchmark run with other options than were asked for.
 */
final class Args {

    /** How to build the service jar a benchmark runs: the hint {@link #requireFiles} gives when it is missing. */
    static final String BUILD_SERVICE_JAR = "build: ./mvnw -q -B -pl load-tests -am package -DskipTests";

    private Args() {
    }

    /**
     * Every {@code --name value} pair, in order (a repeated option: the last value).
     *
     * @throws IllegalArgumentException with {@code usage} for {@code --help} or {@code -h}, or
     *     when the last option has no value
     */
    static Map<String, String> pairs(String[] args, String usage) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException(usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + usage);
            }
            pairs.put(option, args[++i]);
        }
        return pairs;
    }

    /**
     * Removes {@code name} from {@code pairs} and parses its value; {@code fallback} if absent.
     *
     * @throws IllegalArgumentException naming the option and its value when {@code parse} refuses it
     */
    static <T> T take(Map<String, String> pairs, String name, Function<String, T> parse, T fallback) {
        String value = pairs.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " " + value + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the first of {@code files} that is not a regular file, with {@code hint} */
    static void requireFiles(String hint, Path... files) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("not found: " + file + " (" + hint + ")");
            }
        }
    }

    /**
     * A main's command line: what {@code parse} returns, or, when it throws
     * {@link IllegalArgumentException}, its message on stderr and exit status 2.
     */
    static <T> T orExit(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw new AssertionError("unreachable", e);
        }
    }

    /** @throws IllegalArgumentException naming the first option no parser took */
    static void noneLeft(Map<String, String> pairs, String usage) {
        if (!pairs.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + pairs.keySet().iterator().next() + "\n" + usage);
        }
    }
}
