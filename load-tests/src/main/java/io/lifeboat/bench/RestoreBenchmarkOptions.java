package io.lifeboat.bench;

import java.nio.file.Path;

/**
 * The restore benchmark's command line. Every option has a default except the two programs.
 *
 * @param serviceJar   lifeboat's runnable service jar, for the one {@code --once} backup
 * @param lifeboat     the {@code lifeboat} launcher script, with {@code lifeboat.jar} beside it
 * @param dbSizeBytes  target db size of the fill
 * @param values       the fill's value kind: {@code random} (incompressible) or {@code kubernetes}
 * @param runs         timed runs of each restore path (lifeboat, the sequential baseline, verify)
 * @param helpRuns     timed runs of {@code lifeboat --help}
 * @param seed         keyspace seed
 * @param out          where the markdown report goes besides stdout (null: stdout only)
 */
record RestoreBenchmarkOptions(Path serviceJar, Path lifeboat, long dbSizeBytes, String values, int runs,
                               int helpRuns, long seed, Path out) {

    static final String USAGE = """
            usage: RestoreBenchmark --service-jar PATH --lifeboat PATH [--size 1GiB] [--values random|kubernetes]
                   [--runs 3] [--help-runs 10] [--seed 42] [--out FILE]
            A quick run: --size 32MiB""";

    static RestoreBenchmarkOptions parse(String[] args) {
        Path serviceJar = null;
        Path lifeboat = null;
        long size = 1L << 30;
        String values = "random";
        int runs = 3;
        int helpRuns = 10;
        long seed = 42;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--service-jar" -> serviceJar = Path.of(value);
                case "--lifeboat" -> lifeboat = Path.of(value);
                case "--size" -> size = BenchmarkOptions.parseSize(value);
                case "--values" -> values = value;
                case "--runs" -> runs = Integer.parseInt(value);
                case "--help-runs" -> helpRuns = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (serviceJar == null || lifeboat == null) {
            throw new IllegalArgumentException("--service-jar and --lifeboat are required\n" + USAGE);
        }
        if (!values.equals("random") && !values.equals("kubernetes")) {
            throw new IllegalArgumentException("--values takes random or kubernetes, not " + values);
        }
        if (runs < 1 || helpRuns < 1) {
            throw new IllegalArgumentException("--runs and --help-runs must be at least 1");
        }
        return new RestoreBenchmarkOptions(serviceJar, lifeboat, size, values, runs, helpRuns, seed, out);
    }
}
