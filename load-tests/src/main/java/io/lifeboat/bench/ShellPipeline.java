package io.lifeboat.bench;

import io.lifeboat.snapshot.SnapshotDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The second baseline of issue 9: what an operator types without lifeboat, one step after the
 * other, into the same bucket: {@code etcdctl snapshot save} to a file, {@code zstd -3} of that
 * file, {@code aws s3 cp} of the result. Each step runs under GNU time, so the row carries the
 * steps' own wall, CPU and peak RSS (the largest of the three), and the {@link Run} each
 * step's figures for the report.
 *
 * <p>The aws CLI is told the endpoint on its command line and gets an empty config of its own,
 * so nothing leaves 127.0.0.1 and a developer's ~/.aws changes nothing.
 * {@code AWS_REQUEST_CHECKSUM_CALCULATION=when_required}: S3Mock refuses to complete a multipart
 * upload that botocore started with a CRC32 checksum (it wants a checksum per part in the complete
 * request, which the CLI does not send); against AWS the default would do. The files and the
 * object are deleted after each run.
 */
final class ShellPipeline {

    static final String TOOL = "save, zstd -3, aws s3 cp";
    static final String TIME = "/usr/bin/time";
    private static final String SCRIPT = """
            set -eu
            step() { name="$1"; shift; "$TIME" -a -o "$TIMES" -f "$name %e %M %U %S" "$@"; }
            step save etcdctl --endpoints="$ETCD" snapshot save "$DB" >/dev/null
            step zstd zstd -3 -q -f "$DB" -o "$ZST"
            step upload aws --endpoint-url "$S3" s3 cp --only-show-errors --no-progress "$ZST" "s3://$BUCKET/$KEY"
            """;

    private final BenchEnvironment environment;

    ShellPipeline(BenchEnvironment environment) {
        this.environment = environment;
    }

    /** Whether the tools are on this machine: {@code aws} on PATH and GNU time. */
    static String missingTools() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(TIME))) {
            missing.add(TIME + " (Debian package time)");
        }
        boolean aws = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            aws |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "aws"));
        }
        if (!aws) {
            missing.add("aws (Debian package awscli)");
        }
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    /**
     * One step of the pipeline as GNU time reported it.
     *
     * @param name       save, zstd or upload
     * @param wallSeconds the step's elapsed time
     * @param peakRssBytes the step's maximum resident set
     * @param cpuSeconds user + system
     */
    record Stage(String name, double wallSeconds, long peakRssBytes, double cpuSeconds) {

        /** GNU time's lines as the script writes them: {@code name %e %M %U %S}, %M in KiB. */
        static List<Stage> parse(List<String> lines) {
            List<Stage> stages = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f.length != 5) {
                    // GNU time also writes "Command exited with non-zero status N" to the file.
                    continue;
                }
                try {
                    stages.add(new Stage(f[0], Double.parseDouble(f[1]), Long.parseLong(f[2]) * 1024,
                            Double.parseDouble(f[3]) + Double.parseDouble(f[4])));
                } catch (NumberFormatException e) {
                    // Not one of ours.
                }
            }
            return stages;
        }

        static String describe(List<Stage> stages) {
            List<String> parts = new ArrayList<>();
            for (Stage stage : stages) {
                parts.add(String.format(Locale.ROOT, "%s %.1f s (%.1f CPU-s, %s MiB)", stage.name(),
                        stage.wallSeconds(), stage.cpuSeconds(), Report.mib(stage.peakRssBytes())));
            }
            return String.join(", ", parts);
        }
    }

    /** One run: its row, and the steps GNU time reported (fewer than three if one failed). */
    record Run(Row row, List<Stage> stages) {
    }

    Run run(String values, Path dir, int run, long targetDbBytes) throws IOException, InterruptedException {
        Path db = dir.resolve("pipeline-" + run + ".db");
        Path zst = dir.resolve("pipeline-" + run + ".db.zst");
        Path times = dir.resolve("pipeline-" + run + ".times");
        String key = "pipeline/" + db.getFileName() + ".zst";
        Files.deleteIfExists(times);
        Map<String, String> env = new HashMap<>();
        env.put("ETCDCTL_API", "3");
        env.put("TIME", TIME);
        env.put("TIMES", times.toString());
        env.put("ETCD", environment.etcdEndpoint());
        env.put("S3", environment.s3Endpoint());
        env.put("BUCKET", BenchEnvironment.BUCKET);
        env.put("KEY", key);
        env.put("DB", db.toString());
        env.put("ZST", zst.toString());
        env.put("AWS_ACCESS_KEY_ID", environment.lifeboatEnvironment().get("AWS_ACCESS_KEY_ID"));
        env.put("AWS_SECRET_ACCESS_KEY", environment.lifeboatEnvironment().get("AWS_SECRET_ACCESS_KEY"));
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", dir.resolve("aws-config-none").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("aws-credentials-none").toString());
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run("pipeline-" + run, List.of("bash", "-c", SCRIPT),
                env, dir, EtcdctlSave.timeoutFor(targetDbBytes).multipliedBy(2));
        try {
            List<Stage> stages = Files.isRegularFile(times) ? Stage.parse(Files.readAllLines(times)) : List.of();
            String target = BenchmarkOptions.formatSize(targetDbBytes);
            long peak = stages.stream().mapToLong(Stage::peakRssBytes).max().orElse(0);
            double cpu = stages.stream().mapToDouble(Stage::cpuSeconds).sum();
            double wall = EtcdctlSave.seconds(result.wall());
            if (result.exitCode() != 0 || stages.size() != 3) {
                String failure = "exited " + result.exitCode() + " after " + stages.size() + " of 3 steps: "
                        + EtcdctlSave.lastLine(result.stderrText());
                return new Run(new Row(values, target, TOOL, "-", run, targetDbBytes, failure, wall, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, 0, peak, cpu, result.boxBusy(), load1, null), stages);
            }
            long stored = environment.s3Client()
                    .headObject(r -> r.bucket(BenchEnvironment.BUCKET).key(key)).contentLength();
            return new Run(new Row(values, target, TOOL, "-", run, Files.size(db) - SnapshotDigest.SHA256_BYTES, null,
                    wall, Double.NaN, Double.NaN, Double.NaN, Double.NaN, stored, peak, cpu, result.boxBusy(), load1,
                    null), stages);
        } finally {
            Files.deleteIfExists(db);
            Files.deleteIfExists(zst);
            Files.deleteIfExists(dir.resolve(db.getFileName() + ".part"));
            try {
                environment.s3Client().deleteObject(r -> r.bucket(BenchEnvironment.BUCKET).key(key));
            } catch (RuntimeException e) {
                // Never uploaded: nothing to delete.
            }
        }
    }
}
