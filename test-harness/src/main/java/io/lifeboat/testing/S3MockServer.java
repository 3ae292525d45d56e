package io.lifeboat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Adobe S3Mock run from its exec jar in a separate JVM on 127.0.0.1 (plain HTTP), so tests can
 * stop, kill and restart the S3 server under the code they test. Layout of {@code root}:
 * {@code store/} (S3Mock's file store), {@code s3mock.log}, {@code tmp/} (S3Mock's temp files).
 *
 * <p>Restarts keep the store: files are retained on exit, and S3Mock reloads buckets, objects and
 * unfinished multipart uploads from its root at start-up (S3Mock's README calls reuse across
 * restarts "not officially supported"; S3MockServerIT checks it for the pinned version).
 */
public final class S3MockServer extends ChildS3Server {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Long: the first graceful exit on a machine also dumps the CDS archive (S3MockLaunch). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final S3MockLaunch launch;
    private final Path overrides;
    private Path pendingArchive;

    private S3MockServer(Path root, S3MockLaunch launch) {
        // Lazy init in S3Mock: the first ListBuckets also loads the store, so 200 means usable.
        super("S3Mock", root, START_TIMEOUT, STOP_GRACE, status -> status == 200);
        this.launch = launch;
        this.overrides = root.resolve("s3mock-loopback.xml");
        copyResource("s3mock-loopback.xml", overrides);
    }

    @Override
    List<String> command() {
        pendingArchive = launch.newPendingArchive();
        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(),
                // Small and quick to start: a test server, not a benchmark target.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // CompleteMultipartUpload assembles the object in a temp file: keep it in root.
                "-Djava.io.tmpdir=" + root().resolve("tmp")));
        command.addAll(launch.jvmOptions(pendingArchive));
        command.addAll(List.of("-jar", launch.jar().toString()));
        command.addAll(springArguments(endpoint().getPort(), root().resolve("store"), overrides));
        return command;
    }

    /** A run that exited (stop: Spring's graceful shutdown, or kill) may leave a CDS archive to publish. */
    @Override
    void exited() {
        launch.publish(pendingArchive, exitCode());
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
        Path jar = ServerJar.S3MOCK.locate();
        createDirectories(root, "tmp");
        S3MockServer server = new S3MockServer(root, S3MockLaunch.prepare(jar));
        server.start();
        return server;
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
        Signals.send(pid(), name);
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
}
