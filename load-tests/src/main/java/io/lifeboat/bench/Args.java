package io.lifeboat.bench;

/** {@code --name value} options of the smaller benchmarks (stage limits, slow bucket). */
final class Args {

    private Args() {
    }

    /** The value after {@code name}, or {@code fallback} when the option is absent. */
    static String value(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
