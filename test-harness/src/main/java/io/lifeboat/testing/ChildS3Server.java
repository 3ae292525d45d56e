package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What S3Mock and S3Proxy have in common as test servers: a JVM of their own on a port of 127.0.0.1
 * chosen once (so restarts keep the endpoint and clients keep working), a root dir holding the
 * store and {@code <name>.log}, and one client shared by the tests.
 */
abstract class ChildS3Server implements S3Server {

    private static final Logger LOG = LoggerFactory.getLogger(ChildS3Server.class);

    private final String name;
    private final Path root;
    private final int port;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private final IntPredicate readyStatus;
    private final ChildProcess process;
    private S3Client client;

    /**
     * @param readyStatus which status of an unsigned {@code GET /} (ListBuckets) means the server is usable
     */
    ChildS3Server(String name, Path root, Duration startTimeout, Duration stopGrace, IntPredicate readyStatus) {
        this.name = name;
        this.root = root;
        this.port = Loopback.freePort();
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
        this.readyStatus = readyStatus;
        this.process = new ChildProcess(name, this::command, root,
                root.resolve(name.toLowerCase(Locale.ROOT) + ".log"));
    }

    /** The command line of one run: asked again at every start. */
    abstract List<String> command();

    /** After each exit (stop or kill), before the next start. */
    void exited() {
    }

    /** Creates {@code root} and the given dirs below it, for the servers' start factories. */
    static void createDirectories(Path root, String... children) {
        try {
            for (String child : children) {
                Files.createDirectories(root.resolve(child));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    @Override
    public URI endpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + port);
    }

    public Path root() {
        return root;
    }

    @Override
    public synchronized void start() {
        long started = System.nanoTime();
        process.start();
        HttpReadiness.await(process, endpoint(), startTimeout, readyStatus, this::kill);
        LOG.info("{} ready in {} ms at {} (log {})", name, (System.nanoTime() - started) / 1_000_000,
                endpoint(), process.logFile());
    }

    @Override
    public synchronized void stop() {
        process.stop(stopGrace);
        exited();
    }

    @Override
    public synchronized void kill() {
        process.kill();
        exited();
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Exit code of the last run, or -1 while it runs. */
    int exitCode() {
        return process.exitCode();
    }

    @Override
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Clients.forEndpoint(endpoint());
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        stop();
    }

    @Override
    public String toString() {
        return name + "@" + endpoint();
    }
}
