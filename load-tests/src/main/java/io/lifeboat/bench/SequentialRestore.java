package io.lifeboat.bench;

import io.lifeboat.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline: what an operator without lifeboat does, one tool after the other, each step
 * a process of its own, timed and sampled like lifeboat.
 *
 * <ol>
 *   <li>{@code curl} downloads the object to a file (a plain GET: S3Mock does not check
 *       signatures, and curl is the cheapest client there is, so this is the download's floor);
 *   <li>{@code zstd -d} decompresses it into the snapshot file (db + etcd's SHA-256 trailer);
 *   <li>{@code etcdctl snapshot restore} builds the data dir (and checks the trailer).
 * </ol>
 *
 * <p>It checks less than lifeboat: not the object's SHA-256, size, revision or key count
 * against the manifest. The files are deleted after each run; the data dir is left to the caller.
 */
final class SequentialRestore {

    static final String TOTAL = "baseline (curl, zstd -d, etcdctl restore in sequence)";

    private final BenchEnvironment environment;

    SequentialRestore(BenchEnvironment environment) {
        this.environment = environment;
    }

    /** The three steps, stopping at the first failure, then their sum (CPU summed, RSS the largest). */
    List<Measurement> run(int run, Manifest manifest, Path dataDir, String peerUrl, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path object = dir.resolve("baseline-" + run + ".db.zst");
        Path snapshot = dir.resolve("baseline-" + run + ".db");
        List<Measurement> steps = new ArrayList<>();
        try {
            String url = environment.s3Endpoint() + "/" + BenchEnvironment.BUCKET + "/" + manifest.object().key();
            if (step(steps, "baseline: curl (download)", run, dir, timeout, object, List.of("curl", "--silent",
                    "--show-error", "--fail", "--noproxy", "*", "--output", object.toString(), url))
                    && step(steps, "baseline: zstd -d", run, dir, timeout, snapshot, List.of("zstd", "--decompress",
                    "--quiet", object.toString(), "-o", snapshot.toString()))) {
                step(steps, "baseline: etcdctl snapshot restore", run, dir, timeout, dataDir.resolve("member/snap/db"),
                        List.of("etcdctl", "snapshot", "restore", snapshot.toString(), "--data-dir",
                                dataDir.toString(), "--name", RestoreBenchmark.MEMBER, "--initial-cluster",
                                RestoreBenchmark.MEMBER + "=" + peerUrl, "--initial-advertise-peer-urls", peerUrl));
            }
        } finally {
            Files.deleteIfExists(object);
            Files.deleteIfExists(snapshot);
        }
        steps.add(0, sum(run, steps));
        return steps;
    }

    /** Runs one step; true if it exited 0 and left {@code product}. */
    private static boolean step(List<Measurement> steps, String what, int run, Path dir, Duration timeout,
                                Path product, List<String> command) throws IOException, InterruptedException {
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run(what.replaceAll("[^a-z]+", "-") + run, command,
                Map.of("ETCDCTL_API", "3"), dir, timeout);
        String failure = null;
        if (result.exitCode() != 0) {
            failure = command.get(0) + " exited " + result.exitCode() + ": " + EtcdctlSave.lastLine(result.stderrText());
        } else if (!Files.isRegularFile(product)) {
            failure = command.get(0) + " exited 0 but left no " + product;
        }
        steps.add(Measurement.of(what, run, failure, result, load1));
        return failure == null;
    }

    private static Measurement sum(int run, List<Measurement> steps) {
        String failure = steps.size() < 3 || !steps.get(steps.size() - 1).ok()
                ? steps.isEmpty() ? "no step ran" : steps.get(steps.size() - 1).failure()
                : null;
        double load1 = steps.isEmpty() ? Double.NaN : steps.get(0).load1();
        return new Measurement(TOTAL, run, failure, steps.stream().mapToDouble(Measurement::wallSeconds).sum(),
                steps.stream().mapToDouble(Measurement::cpuSeconds).sum(),
                steps.stream().mapToLong(Measurement::peakRssBytes).max().orElse(0),
                steps.stream().mapToDouble(s -> s.boxBusy() * s.wallSeconds()).sum()
                        / steps.stream().mapToDouble(Measurement::wallSeconds).sum(), load1);
    }
}
