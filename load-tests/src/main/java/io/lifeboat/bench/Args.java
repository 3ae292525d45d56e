package io.lifeboat.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --name value} options, the one parser of every benchmark's command line: {@link #pairs}
 * reads them, each option is then {@link #take}n by its parser, and {@link #noneLeft} refuses
 * what no parser took.
 */
final class Args {

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

    /** Removes {@code name} from {@code pairs} and parses its value; {@code fallback} if absent. */
    static <T> T take(Map<String, String> pairs, String name, Function<String, T> parse, T fallback) {
        String value = pairs.remove(name);
        return value == null ? fallback : parse.apply(value);
    }

    /** @throws IllegalArgumentException naming the first option no parser took */
    static void noneLeft(Map<String, String> pairs, String usage) {
        if (!pairs.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + pairs.keySet().iterator().next() + "\n" + usage);
        }
    }
}
