package io.lifeboat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's side of {@link PutLoad}: starts it as a child JVM on this JVM's class path,
 * waits for {@code ready}, and on {@link #stop()} asks it to stop and reads back its puts.
 *
 * <p>The child gets a small fixed heap and the serial collector: its allocation is a few small
 * objects per put, so collections are rare and short, and it leaves the two cores to etcd.
 */
final class PutLoadProcess implements AutoCloseable {

    private final Process process;
    private final Path samples;

    private PutLoadProcess(Process process, Path samples) {
        this.process = process;
        this.samples = samples;
    }

    static PutLoadProcess start(String etcdEndpoint, int ratePerSecond, int valueBytes, Path dir)
            throws IOException {
        Path samples = dir.resolve("put-load-samples.tsv");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xms64m", "-Xmx64m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), PutLoad.class.getName(),
                "--endpoint", etcdEndpoint, "--rate", Integer.toString(ratePerSecond),
                "--value-bytes", Integer.toString(valueBytes), "--samples", samples.toString()))
                .directory(dir.toFile())
                .redirectError(dir.resolve("put-load.err").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        PutLoadProcess load = new PutLoadProcess(process, samples);
        String first = load.readLine(Duration.ofSeconds(60));
        if (!"ready".equals(first)) {
            load.close();
            throw new IllegalStateException("the put load did not start (said " + first + "); see "
                    + dir.resolve("put-load.err"));
        }
        return load;
    }

    /** The load JVM's pid (to place it in a cgroup). */
    long pid() {
        return process.pid();
    }

    /** Ends the load and returns every put it sent. */
    List<PutSamples.Sample> stop() throws IOException, InterruptedException {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("the put load did not end cleanly (exit "
                    + (process.isAlive() ? "none" : process.exitValue()) + ")");
        }
        return PutSamples.read(samples);
    }

    private String readLine(Duration timeout) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout.ready()) {
                return stdout.readLine();
            }
            if (!process.isAlive()) {
                return "nothing: it exited " + process.exitValue();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "nothing: interrupted";
            }
        }
        return "nothing in " + timeout.toSeconds() + " s";
    }

    /** Kills it if it is still running (on failure, and from the shutdown hook). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
