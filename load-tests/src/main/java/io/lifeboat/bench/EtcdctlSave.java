package io.lifeboat.bench;

import io.lifeboat.snapshot.SnapshotDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The baseline: {@code etcdctl snapshot save} into a file on the same disk, timed and sampled
 * like lifeboat. etcdctl writes {@code <file>.part}, fsyncs it and renames it; the file is the
 * db followed by etcd's 32-byte SHA-256 trailer. The file is deleted after it was measured.
 */
final class EtcdctlSave {

    static final String TOOL = "etcdctl snapshot save";

    private EtcdctlSave() {
    }

    static Row run(String values, String endpoint, Path dir, int run, long targetDbBytes)
            throws IOException, InterruptedException {
        Path file = dir.resolve("etcdctl-" + run + ".db");
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run("etcdctl-" + run,
                List.of("etcdctl", "--endpoints=" + endpoint, "snapshot", "save", file.toString()),
                Map.of("ETCDCTL_API", "3"), dir, timeoutFor(targetDbBytes));
        try {
            String failure = null;
            long stored = 0;
            if (result.exitCode() != 0 || !Files.isRegularFile(file)) {
                failure = "etcdctl exited " + result.exitCode() + ": " + lastLine(result.stderrText());
            } else {
                stored = Files.size(file);
            }
            return new Row(values, BenchmarkOptions.formatSize(targetDbBytes), TOOL, "-", run,
                    Math.max(0, stored - SnapshotDigest.SHA256_BYTES), failure, seconds(result.wall()),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, stored, result.peakRssBytes(),
                    result.cpuSeconds(), result.boxBusy(), load1, null);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve(file.getFileName() + ".part"));
        }
    }

    /** Generous, for a loaded 2-core box: a minute plus a second per MiB. */
    static Duration timeoutFor(long dbBytes) {
        return Duration.ofSeconds(60 + (dbBytes >> 20));
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
