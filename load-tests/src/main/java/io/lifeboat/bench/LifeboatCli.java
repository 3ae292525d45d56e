package io.lifeboat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restore CLI as an operator runs it: the {@code lifeboat} launcher script as a child
 * process, configured through its environment variables, so wall time includes JVM start-up
 * and the catalog lookup. The launcher {@code exec}s java, so the sampled process is the JVM.
 * The {@code etcdctl snapshot restore} it starts is a child of that JVM: its CPU is counted
 * (the JVM waits for it), its RSS is not (the baseline measures the same tool on the same
 * file on its own: about the same).
 */
final class LifeboatCli {

    static final String RESTORE = "lifeboat restore";
    static final String VERIFY = "lifeboat verify";
    static final String LIST = "lifeboat list";
    static final String HELP = "lifeboat --help";

    /** RestoreCommand's last timing line: "took 12.3 s (download and verify 8.1 s, etcd restore 4.0 s, ...)". */
    private static final Pattern TOOK = Pattern.compile(
            "took ([0-9.]+) s \\(download and verify ([0-9.]+) s, etcd restore ([0-9.]+) s");

    private final Path launcher;
    private final BenchEnvironment environment;

    LifeboatCli(Path launcher, BenchEnvironment environment) {
        this.launcher = launcher;
        this.environment = environment;
    }

    /**
     * {@code lifeboat restore latest} into {@code dataDir} (absent): the whole process, then the
     * wall time outside the total it printed (JVM start-up, S3 client, catalog lookup, exit),
     * then the phases it printed.
     */
    List<Measurement> restore(int run, Path dataDir, String peerUrl, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = List.of(launcher.toString(), "restore", "latest", "--data-dir", dataDir.toString(),
                "--name", RestoreBenchmark.MEMBER, "--initial-cluster", RestoreBenchmark.MEMBER + "=" + peerUrl,
                "--initial-advertise-peer-urls", peerUrl, "--progress", "never");
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run("lifeboat-restore-" + run, command, environment(), dir,
                timeout);
        Matcher took = TOOK.matcher(result.stdoutText());
        String failure = failure(result);
        if (failure == null && !took.find()) {
            failure = "no timing line in its output: " + EtcdctlSave.lastLine(result.stdoutText());
        }
        if (failure == null && !Files.isRegularFile(dataDir.resolve("member/snap/db"))) {
            failure = "exit 0 but no " + dataDir.resolve("member/snap/db");
        }
        List<Measurement> rows = new ArrayList<>(List.of(Measurement.of(RESTORE, run, failure, result, load1)));
        if (failure == null) {
            double total = Double.parseDouble(took.group(1));
            rows.add(Measurement.phase(RESTORE + ": start-up, catalog, exit", run,
                    EtcdctlSave.seconds(result.wall()) - total));
            rows.add(Measurement.phase(RESTORE + ": download, verify, stage", run, Double.parseDouble(took.group(2))));
            rows.add(Measurement.phase(RESTORE + ": etcdctl snapshot restore", run, Double.parseDouble(took.group(3))));
        }
        return rows;
    }

    /** {@code lifeboat verify latest}: the streaming check, nothing written to disk. */
    Measurement verify(int run, Path dir, Duration timeout) throws IOException, InterruptedException {
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run("lifeboat-verify-" + run,
                List.of(launcher.toString(), "verify", "latest", "--progress", "never"), environment(), dir, timeout);
        String failure = failure(result);
        if (failure == null && !result.stdoutText().startsWith("OK ")) {
            failure = "exit 0 without an OK verdict: " + EtcdctlSave.lastLine(result.stdoutText());
        }
        return Measurement.of(VERIFY, run, failure, result, load1);
    }

    /** {@code lifeboat list}: start-up, the S3 client and the catalog, what a restore does before it downloads. */
    Measurement list(int run, Path dir) throws IOException, InterruptedException {
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run("lifeboat-list-" + run, List.of(launcher.toString(),
                "list"), environment(), dir, Duration.ofSeconds(120));
        String failure = failure(result);
        if (failure == null && result.stdoutText().lines().count() < 2) {
            failure = "list printed no snapshot: " + EtcdctlSave.lastLine(result.stderrText());
        }
        return Measurement.of(LIST, run, failure, result, load1);
    }

    /** {@code lifeboat --help}: what an operator waits for before anything else. */
    Measurement help(int run, Path dir) throws IOException, InterruptedException {
        double load1 = Machine.load1();
        MeasuredProcess.Result result = MeasuredProcess.run("lifeboat-help-" + run,
                List.of(launcher.toString(), "--help"), environment(), dir, Duration.ofSeconds(60));
        String failure = failure(result);
        if (failure == null && !result.stdoutText().contains("restore")) {
            failure = "--help printed no command list";
        }
        return Measurement.of(HELP, run, failure, result, load1);
    }

    /** {@code lifeboat <args>}, measured: for the catalog benchmark's list and prune runs. */
    MeasuredProcess.Result run(List<String> args, Path dir, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(args);
        return MeasuredProcess.run("lifeboat-" + String.join("-", args).replaceAll("[^a-z0-9-]", ""), command,
                environment(), dir, timeout);
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(environment.lifeboatEnvironment());
        // The benchmark's own JVM: the same Java for the CLI whatever PATH holds.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    private static String failure(MeasuredProcess.Result result) {
        if (result.exitCode() == -1) {
            return "killed at the timeout";
        }
        if (result.exitCode() != 0) {
            String stderr = result.stderrText();
            return "exit " + result.exitCode() + ": "
                    + EtcdctlSave.lastLine(stderr.isBlank() ? result.stdoutText() : stderr);
        }
        return null;
    }
}
