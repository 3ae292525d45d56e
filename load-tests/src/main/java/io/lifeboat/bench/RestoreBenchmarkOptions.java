package io.lifeboat.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

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
        Map<String, String> options = Args.pairs(args, USAGE);
        Path serviceJar = Args.take(options, "--service-jar", Path::of, null);
        Path lifeboat = Args.take(options, "--lifeboat", Path::of, null);
        long size = Args.take(options, "--size", BenchmarkOptions::parseSize, 1L << 30);
        String values = Args.take(options, "--values", Function.identity(), "random");
        int runs = Args.take(options, "--runs", Integer::parseInt, 3);
        int helpRuns = Args.take(options, "--help-runs", Integer::parseInt, 10);
        long seed = Args.take(options, "--seed", Long::parseLong, 42L);
        Path out = Args.take(options, "--out", Path::of, null);
        Args.noneLeft(options, USAGE);
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
