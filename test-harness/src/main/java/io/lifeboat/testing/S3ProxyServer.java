package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * S3Proxy (gaul/s3proxy) run from its jar-with-dependencies in a separate JVM on 127.0.0.1 (plain
 * HTTP), over jclouds' filesystem blobstore: the stand-in for an S3-compatible store that is less
 * capable than S3. It answers 501 NotImplemented to {@code x-amz-checksum-*} headers, tagging and
 * lifecycle (S3ProxyServerIT). Layout of {@code root}: {@code s3proxy.properties}, {@code store/}
 * (one directory per bucket), {@code s3proxy.log}, {@code tmp/}. Restarts keep the store.
 */
public final class S3ProxyServer extends ChildS3Server {

    /** S3Proxy starts in ~2 s (no Spring); the rest is room for a loaded 2-core box. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path jar;
    private final Path properties;

    private S3ProxyServer(Path root, Path jar) {
        // S3Proxy checks the signature of every request: an unsigned ListBuckets gets 403
        // AccessDenied once its handler (and so the blobstore behind it) is serving.
        super("S3Proxy", root, START_TIMEOUT, STOP_GRACE, status -> status == 403);
        this.jar = jar;
        this.properties = root.resolve("s3proxy.properties");
        writeProperties(properties, configuration(endpoint(), root.resolve("store")));
    }

    @Override
    List<String> command() {
        return List.of(ChildProcess.currentJava(),
                // Small and quick to start: a test server, not a benchmark target.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + root().resolve("tmp"),
                // The jar's logback.xml declares an appender it never uses; the warning makes logback
                // print its whole status report into the log at every start.
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-jar", jar.toString(), "--properties", properties.toString());
    }

    /**
     * S3Proxy 2.6.0's properties (its README, "Configuration"; jclouds' FilesystemConstants).
     * Requests must be signed with the harness's dummy credentials (V2 or V4, as the AWS SDK signs),
     * so a client without them fails the way it would on a real store.
     */
    static Properties configuration(URI endpoint, Path store) {
        Properties p = new Properties();
        // S3Proxy binds the host and port of its endpoint: 127.0.0.1 only, never 0.0.0.0.
        p.setProperty("s3proxy.endpoint", endpoint.toString());
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", S3Clients.DUMMY_ACCESS_KEY);
        p.setProperty("s3proxy.credential", S3Clients.DUMMY_ACCESS_KEY);
        // filesystem-nio2: the filesystem blobstore S3Proxy maintains ("filesystem" logs a deprecation).
        p.setProperty("jclouds.provider", "filesystem-nio2");
        p.setProperty("jclouds.filesystem.basedir", store.toString());
        p.setProperty("jclouds.identity", S3Clients.DUMMY_ACCESS_KEY);
        p.setProperty("jclouds.credential", S3Clients.DUMMY_ACCESS_KEY);
        return p;
    }

    /** Starts S3Proxy with its files under {@code root} (created if needed); waits until it answers. */
    public static S3ProxyServer start(Path root) {
        Path jar = ServerJar.S3PROXY.locate();
        createDirectories(root, "tmp", "store");
        S3ProxyServer server = new S3ProxyServer(root, jar);
        server.start();
        return server;
    }

    private static void writeProperties(Path file, Properties properties) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "S3Proxy for lifeboat's tests (S3ProxyServer)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
