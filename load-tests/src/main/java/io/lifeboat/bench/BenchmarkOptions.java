package io.lifeboat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark's command line. Every option has a default except the service jar.
 *
 * @param serviceJar    lifeboat's runnable service jar (service/target/lifeboat-service-*.jar)
 * @param dbSizesBytes  target db sizes, ascending (the first one also hosts the heap probe)
 * @param values        value kinds to fill with: {@code random} (incompressible) and/or {@code kubernetes}
 * @param runs          timed runs of etcdctl and of lifeboat with the small heap, per size
 * @param probeHeaps    -Xmx candidates, ascending: the smallest that completes every run is the small heap,
 *                      and a size on which it fails moves up to the next
 * @param partSize      lifeboat.s3.part-size, as lifeboat reads it (e.g. 16MB)
 * @param inFlightParts lifeboat.s3.max-in-flight-parts
 * @param zstdLevel     lifeboat.zstd.level
 * @param zstdWorkers   lifeboat.zstd.workers
 * @param seed          keyspace seed
 * @param out           where the markdown report goes besides stdout (null: stdout only); every run
 *                      also goes to the same path with {@code .tsv} ({@link BackupRowsTsv})
 */
record BenchmarkOptions(Path serviceJar, List<Long> dbSizesBytes, List<String> values, int runs,
                        List<String> probeHeaps, String partSize, int inFlightParts, int zstdLevel,
                        int zstdWorkers, long seed, Path out) {

    static final String USAGE = """
            usage: BackupBenchmark --service-jar PATH [--sizes 256MiB,1GiB] [--values random,kubernetes]
                   [--runs 2] [--probe-heaps 64m,96m,128m,192m] [--part-size 16MB] [--in-flight 2]
                   [--zstd-level 3] [--zstd-workers 0] [--seed 42] [--out FILE]
            A quick run: --sizes 64MiB --values random --runs 1""";

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> options = Args.pairs(args, USAGE);
        Path serviceJar = Args.take(options, "--service-jar", Path::of, null);
        List<Long> sizes = Args.take(options, "--sizes",
                value -> split(value).stream().map(BenchmarkOptions::parseSize).sorted().toList(), List.of(256L << 20, 1L << 30));
        List<String> values = Args.take(options, "--values", BenchmarkOptions::split, List.of("random", "kubernetes"));
        int runs = Args.take(options, "--runs", Integer::parseInt, 2);
        List<String> heaps = Args.take(options, "--probe-heaps", BenchmarkOptions::split,
                List.of("64m", "96m", "128m", "192m"));
        String partSize = Args.take(options, "--part-size", Function.identity(), "16MB");
        int inFlight = Args.take(options, "--in-flight", Integer::parseInt, 2);
        int level = Args.take(options, "--zstd-level", Integer::parseInt, 3);
        int workers = Args.take(options, "--zstd-workers", Integer::parseInt, 0);
        long seed = Args.take(options, "--seed", Long::parseLong, 42L);
        Path out = Args.take(options, "--out", Path::of, null);
        Args.noneLeft(options, USAGE);
        if (serviceJar == null) {
            throw new IllegalArgumentException("--service-jar is required\n" + USAGE);
        }
        for (String kind : values) {
            if (!kind.equals("random") && !kind.equals("kubernetes")) {
                throw new IllegalArgumentException("--values takes random and/or kubernetes, not " + kind);
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new BenchmarkOptions(serviceJar, sizes, values, runs, heaps, partSize, inFlight, level, workers,
                seed, out);
    }

    /** {@code 256MiB}, {@code 1GiB}, {@code 64m} (binary units) or plain bytes. */
    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"gib", "30"}, {"mib", "20"}, {"kib", "10"}, {"g", "30"},
                {"m", "20"}, {"k", "10"}}) {
            if (t.endsWith(suffix[0])) {
                unit = 1L << Integer.parseInt(suffix[1]);
                t = t.substring(0, t.length() - suffix[0].length());
                break;
            }
        }
        return Long.parseLong(t.trim()) * unit;
    }

    static String formatSize(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }

    private static List<String> split(String list) {
        return new ArrayList<>(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
