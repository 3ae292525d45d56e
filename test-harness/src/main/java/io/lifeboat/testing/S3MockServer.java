package io.lifeboat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock run from its exec jar in a separate JVM on 127.0.0.1 (plain HTTP), so tests can
 * stop, kill and restart the S3 server under the code they test. Layout of {@code root}:
 * {@code store/} (S3Mock's file store), {@code s3mock.log}, {@code tmp/} (S3Mock's temp files).
 *
 * <p>Restarts keep the store: files are retained on exit, and S3Mock reloads buckets, objects and
 * unfinished multipart uploads from its root at start-up (S3Mock's README calls reuse across
 * restarts "not officially supported"; S3MockServerIT checks it for the pinned version).
 */
public final class S3MockServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3MockServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Long: the first graceful exit on a machine also dumps the CDS archive (S3MockLaunch). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final Path root;
    private final int port;
    private final S3MockLaunch launch;
    private final ChildProcess process;
    private Path pendingArchive;
    private S3Client client;

    private S3MockServer(Path root, S3MockLaunch launch, int port) {
        this.root = root;
        this.port = port;
        this.launch = launch;
        Path overrides = root.resolve("s3mock-loopback.xml");
        copyResource("s3mock-loopback.xml", overrides);
        this.process = new ChildProcess("S3Mock", () -> command(overrides), root, root.resolve("s3mock.log"));
    }

    private List<String> command(Path overrides) {
        pendingArchive = launch.newPendingArchive();
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                // Small and quick to start: a test server, not a benchmark target.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // CompleteMultipartUpload assembles the object in a temp file: keep it in root.
                "-Djava.io.tmpdir=" + root.resolve("tmp")));
        command.addAll(launch.jvmOptions(pendingArchive));
        command.addAll(List.of("-jar", launch.jar().toString()));
        command.addAll(springArguments(port, root.resolve("store"), overrides));
        return command;
    }

    /** S3Mock's Spring Boot properties (S3Mock 5.2.0: S3MockApplication, StoreProperties). */
    static List<String> springArguments(int port, Path store, Path overrides) {
        return List.of(
                // Main Tomcat connector: HTTP on loopback (S3Mock makes it HTTPS by default).
                "--server.port=" + port,
                "--server.address=" + Loopback.HOST,
                "--server.ssl.enabled=false",
                // S3Mock's extra HTTP connector: random port, bound to loopback by the overrides.
                "--http.port=0",
                "--spring.main.sources=" + overrides.toUri(),
                "--spring.main.allow-bean-definition-overriding=true",
                "--com.adobe.testing.s3mock.store.root=" + store,
                // Else a graceful stop deletes the store and restarts lose every bucket.
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
                "--spring.main.banner-mode=off");
    }

    /** Starts S3Mock with its files under {@code root} (created if needed); waits until it answers. */
    public static S3MockServer start(Path root) {
        Path jar = S3MockJar.locate();
        try {
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        S3MockServer server = new S3MockServer(root, S3MockLaunch.prepare(jar), Loopback.freePort());
        server.start();
        return server;
    }

    /** http://127.0.0.1:PORT, stable across restarts. */
    public URI endpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + port);
    }

    public Path root() {
        return root;
    }

    /** Starts S3Mock again on the same port and store; waits until it answers. */
    public synchronized void start() {
        long started = System.nanoTime();
        process.start();
        awaitReady();
        LOG.info("S3Mock ready in {} ms at {} (log {})", (System.nanoTime() - started) / 1_000_000,
                endpoint(), process.logFile());
    }

    /** SIGTERM and wait: Spring shuts down gracefully; stored files are retained. */
    public synchronized void stop() {
        process.stop(STOP_GRACE);
        launch.publish(pendingArchive, process.exitCode());
    }

    /** SIGKILL: the S3 server dies mid-request, connections are reset. */
    public synchronized void kill() {
        process.kill();
        launch.publish(pendingArchive, process.exitCode());
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGSTOP: the server freezes without closing anything. Connections stay open and new ones
     * are still accepted by the kernel, but no request is answered: a store that hangs, which
     * a timeout has to notice. {@link #thaw()} resumes it.
     */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}: the server goes on where it stopped. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sync AWS SDK v2 client for this server (shared, closed with the server). */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Clients.forEndpoint(endpoint());
        }
        return client;
    }

    public void createBucket(String name) {
        client().createBucket(request -> request.bucket(name));
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        stop();
    }

    /** Lazy init in S3Mock: the first ListBuckets also loads the store, so 200 means usable. */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String lastAnswer = "no answer yet";
        HttpRequest listBuckets = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitCode() + " during start-up");
            }
            try {
                HttpResponse<Void> response = HTTP.send(listBuckets, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastAnswer = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for S3Mock", e);
            }
            sleep(Duration.ofMillis(100));
        }
        kill();
        throw failure("did not answer within " + START_TIMEOUT.toSeconds() + " s; last: " + lastAnswer);
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("S3Mock at " + endpoint() + " " + what + "\n--- last lines of "
                + process.logFile() + " ---\n" + process.logTail(60));
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = S3MockServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the test harness jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "S3Mock@" + endpoint();
    }
}
