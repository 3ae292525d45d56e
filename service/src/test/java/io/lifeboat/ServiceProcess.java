package io.lifeboat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The lifeboat service ({@link Application}) as a separate JVM, for what an in-process
 * ApplicationContext cannot show: SIGTERM and SIGKILL, exit codes, shutdown hooks. It runs
 * with this test JVM's class path (the service and its dependencies as built), the given
 * {@code -D} properties, and an environment of PATH, HOME and the dummy AWS credentials
 * S3Mock accepts. stdout and stderr go to files in {@code dir}.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServiceProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code java -cp <test class path> io.lifeboat.Application args...}.
     *
     * @param properties lifeboat and Micronaut settings, passed as {@code -Dkey=value}
     * @param dir where stdout.log and stderr.log are written
     */
    public static ServiceProcess start(Map<String, ?> properties, Path dir, String... args) {
        return start(properties, Map.of(), dir, args);
    }

    /** As {@link #start(Map, Path, String...)}, with extra environment variables (e.g. LIFEBOAT_S3_PART_SIZE). */
    public static ServiceProcess start(Map<String, ?> properties, Map<String, String> environment, Path dir,
                                       String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Application.class.getName());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("stdout.log");
            Path err = dir.resolve("stderr.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(Redirect.to(out.toFile()))
                    .redirectError(Redirect.to(err.toFile())).redirectInput(Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
            env.put("AWS_ACCESS_KEY_ID", "lifeboat-test");
            env.put("AWS_SECRET_ACCESS_KEY", "lifeboat-test");
            env.put("AWS_REGION", "us-east-1");
            env.putAll(environment);
            return new ServiceProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the service JVM", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: what Kubernetes and systemd send first. Shutdown hooks run. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs, like the OOM killer or a power cut. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Sends a signal by name (e.g. INT, STOP, CONT) with kill(1). */
    public void signal(String name) {
        io.lifeboat.testing.Signals.send(pid(), name);
    }

    /** @return the exit code, or throws if it has not exited within {@code timeout} (the process is then killed) */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("service pid " + pid() + " did not exit within " + timeout + "; stderr:\n"
                    + stderr());
        }
        return process.exitValue();
    }

    /** Waits until stderr (where the service logs) has a line matching {@code condition}. */
    public void awaitLog(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderr().lines().anyMatch(condition) || stdout().lines().anyMatch(condition)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("service exited with " + process.exitValue() + " before the expected log line;"
                        + " stderr:\n" + stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no expected log line within " + timeout + "; stderr:\n" + stderr());
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
