package io.lifeboat.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One server process (etcd, S3Mock, S3Proxy) that can be stopped, killed and started again with the same
 * command line. Output goes to a log file that is appended to across restarts.
 */
public final class ChildProcess {

    /** Processes still alive; a crashed test JVM should not leave servers holding ports. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> LIVE.forEach(Process::destroyForcibly), "lifeboat-child-reaper"));
    }

    private final String name;
    private final Supplier<List<String>> command;
    private final Path workDir;
    private final Path logFile;
    private volatile Process process;

    /** {@code command} is asked again for every start: options may differ between runs. */
    ChildProcess(String name, Supplier<List<String>> command, Path workDir, Path logFile) {
        this.name = name;
        this.command = command;
        this.workDir = workDir;
        this.logFile = logFile;
    }

    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        List<String> commandLine = command.get();
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
        minimalEnvironment(builder.environment());
        try {
            Process started = builder.start();
            LIVE.add(started);
            started.onExit().thenRun(() -> LIVE.remove(started));
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + commandLine.get(0), e);
        }
    }

    /** SIGTERM, then SIGKILL if the process has not exited within {@code grace}. */
    synchronized void stop(Duration grace) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!waitFor(current, grace)) {
            current.destroyForcibly();
            waitFor(current, Duration.ofSeconds(30));
        }
    }

    /** SIGKILL: no shutdown hooks run, like a power cut or the OOM killer. */
    synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroyForcibly();
        waitFor(current, Duration.ofSeconds(30));
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Exit code of the last run, or -1 while it runs or before it ever ran. */
    int exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? -1 : current.exitValue();
    }

    /** Pid of the current run, or -1 if it never started. */
    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    Path logFile() {
        return logFile;
    }

    /** The last lines of the log, for error messages: server logs hold no credentials. */
    String logTail(int lines) {
        return tail(logFile, lines);
    }

    public static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Children get PATH, HOME and locale only: a developer's ETCD_*, ETCDCTL_*, SPRING_*,
     * COM_ADOBE_*, JAVA_TOOL_OPTIONS or proxy variables would otherwise change what runs.
     */
    static void minimalEnvironment(Map<String, String> environment) {
        Map<String, String> kept = new java.util.HashMap<>();
        for (String key : List.of("PATH", "HOME", "LANG", "LC_ALL")) {
            String value = System.getenv(key);
            if (value != null) {
                kept.put(key, value);
            }
        }
        environment.clear();
        environment.putAll(kept);
    }

    /** The java running this JVM: child JVMs (S3Mock, S3Proxy) run the same release. */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for pid " + process.pid(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
