package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifeboat restore --verify-start} killed with SIGKILL while its verification etcd runs:
 * no shutdown hook runs, yet etcd must not outlive the CLI, and the next restore beside it
 * removes the staging dir the killed one could not.
 *
 * <p>The CLI runs as a separate JVM, as an operator runs it (the launcher script execs java,
 * so its pid is the JVM's). To kill it while etcd runs, whatever the machine's load, the JVM
 * is frozen (SIGSTOP) as soon as the watchdog or etcd shows up in /proc, before etcd can serve
 * the check, and then killed (SIGKILL works on a stopped process).
 */
@RealEtcd
@RealS3
class VerifyStartKillIT {

    private static final String CLUSTER = "killed";
    private static final Path CLI_DIR = Path.of(System.getProperty("lifeboat.cli.dir", "target"));
    /** Generous: a loaded 2-core machine shared with other builds. */
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Duration ETCD_GONE_BOUND = Duration.ofSeconds(30);

    private static Manifest manifest;
    private static Map<String, String> env;

    @BeforeAll
    static void backUp(EtcdCluster etcd, S3Bucket bucket) {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 4L << 20, 11);
        manifest = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        env = new HashMap<>(CliRun.env(bucket, CLUSTER));
        env.put("AWS_ACCESS_KEY_ID", "lifeboat-test");
        env.put("AWS_SECRET_ACCESS_KEY", "lifeboat-test");
    }

    @Test
    void restore_killedDuringStartCheck_leavesNoEtcdRunningAndTheNextRestoreRemovesItsStagingDir(@TempDir Path dir)
            throws Exception {
        Path parent = Files.createDirectories(dir.resolve("restore")).toRealPath();
        Path dataDir = parent.resolve("etcd");
        String stagingPrefix = parent.resolve(".lifeboat-staging-").toString();
        Process cli = launch(dir, "restore", "latest", "--verify-start", "--data-dir", dataDir.toString());
        try {
            // Cheap file polling through download and etcd's restore tool; /proc scans only once
            // the JVM has opened etcd's log, just before it starts the watchdog.
            await("the start check's log", Duration.ofMillis(20), () -> startCheckLog(parent), cli, dir);
            ProcessTable.Entry first = await("the watchdog or etcd of the start check", Duration.ofMillis(1),
                    () -> ProcessTable.withArgumentStartingWith(stagingPrefix).stream().findFirst(), cli, dir);
            ProcessTable.signal(cli.pid(), "STOP");
            ProcessTable.Entry etcd = await("etcd of the start check", Duration.ofMillis(20),
                    () -> ProcessTable.withArgumentStartingWith(stagingPrefix).stream()
                            .filter(e -> e.isProgram("etcd")).findFirst(), null, dir);
            Path staging = stagingDirOf(etcd, stagingPrefix);
            assertThat(first.args()).as("seen before the check could finish").contains(staging.resolve("data")
                    .toString());

            ProcessTable.signal(cli.pid(), "KILL");
            assertThat(cli.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).isEqualTo(128 + 9);

            await("etcd (pid " + etcd.pid() + ") and its watchdog to exit", Duration.ofMillis(100),
                    () -> ProcessTable.withArgumentStartingWith(stagingPrefix).isEmpty() ? Optional.of(true)
                            : Optional.empty(), null, dir, ETCD_GONE_BOUND);
            assertThat(staging).as("nothing ran to delete it").isDirectory();

            CliRun next = CliRun.lifeboat(env, "restore", "latest", "--data-dir", dataDir.toString());

            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(next.out()).contains("restored " + manifest.id());
            assertThat(next.err()).contains("note: removed stale staging dir " + staging);
            assertThat(staging).doesNotExist();
            assertThat(CliRun.lifeboatLeftovers(parent)).isEmpty();
            assertThat(dataDir.resolve("member/snap/db")).isRegularFile();
        } finally {
            cleanUp(cli, stagingPrefix);
        }
    }

    private static Process launch(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CLI_DIR.resolve("lifeboat").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("cli.out").toFile())
                .redirectError(dir.resolve("cli.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("LIFEBOAT_") || k.startsWith("AWS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static <T> T await(String what, Duration poll, Supplier<Optional<T>> probe, Process mustLive, Path dir)
            throws Exception {
        return await(what, poll, probe, mustLive, dir, BOUND);
    }

    /** Polls {@code probe} until it finds something; fails early if {@code mustLive} exits first. */
    private static <T> T await(String what, Duration poll, Supplier<Optional<T>> probe, Process mustLive, Path dir,
                               Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (mustLive != null && !mustLive.isAlive()) {
                throw new AssertionError("the CLI exited (code " + mustLive.exitValue() + ") before " + what
                        + "; its stderr:\n" + Files.readString(dir.resolve("cli.err")));
            }
            Thread.sleep(poll.toMillis());
        }
        throw new AssertionError("waited " + bound.toSeconds() + " s in vain for: " + what + "; the CLI's stderr:\n"
                + Files.readString(dir.resolve("cli.err")));
    }

    private static Optional<Path> startCheckLog(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.map(p -> p.resolve("start-check.log")).filter(Files::exists).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path stagingDirOf(ProcessTable.Entry etcd, String stagingPrefix) {
        String dataDir = etcd.args().get(etcd.args().indexOf("--data-dir") + 1);
        assertThat(dataDir).startsWith(stagingPrefix).endsWith("/data");
        return Path.of(dataDir).getParent();
    }

    /** Whatever happened, leave no process behind on a machine shared with others. */
    private static void cleanUp(Process cli, String stagingPrefix) {
        cli.destroyForcibly();
        for (ProcessTable.Entry left : ProcessTable.withArgumentStartingWith(stagingPrefix)) {
            ProcessHandle.of(left.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
