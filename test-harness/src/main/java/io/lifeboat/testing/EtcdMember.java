package io.lifeboat.testing;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One real etcd process on 127.0.0.1. Restarts reuse the same ports and data dir, so a member
 * can be stopped or killed mid-test and brought back as the same member.
 */
public final class EtcdMember {

    static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 40;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String name;
    private final int clientPort;
    private final int peerPort;
    private final Path dataDir;
    /** Null for plain http; else clients speak TLS and must present a certificate of its CA. */
    private final EtcdTls tls;
    private final HttpClient http;
    private final ChildProcess process;

    EtcdMember(String name, int clientPort, int peerPort, Path baseDir, String initialCluster,
               String clusterToken, EtcdTls tls) {
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.dataDir = baseDir.resolve(name + ".data");
        this.tls = tls;
        this.http = tls == null ? HTTP : HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(1))
                .sslContext(tls.clientSslContext())
                .build();
        List<String> command = new ArrayList<>(List.of(
                EtcdBinaries.require("etcd").toString(),
                "--name", name,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl(),
                "--advertise-client-urls", clientUrl(),
                "--listen-peer-urls", peerUrl(),
                "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", initialCluster,
                "--initial-cluster-state", "new",
                // A token per cluster: a peer of another test's cluster on a reused port is refused.
                "--initial-cluster-token", clusterToken,
                // Room for the 1.5 GiB dbs of the large-snapshot tests (etcd's default is 2 GiB,
                // and writes fail with NOSPACE once it is reached).
                "--quota-backend-bytes", Long.toString(8L << 30),
                // History stays until a test compacts it: revisions must be predictable.
                "--auto-compaction-retention", "0",
                "--logger", "zap",
                "--log-outputs", "stderr"));
        if (tls != null) {
            // Client URLs only: peers stay on http, as nothing under test speaks to the peer port.
            command.addAll(tls.serverFlags());
        }
        // etcd 3.4 has no --unsafe-no-fsync (added in 3.5), so writes pay an fsync per raft batch.
        this.process = new ChildProcess("etcd member " + name, () -> command, baseDir,
                baseDir.resolve(name + ".log"));
    }

    public String name() {
        return name;
    }

    /** {@code https://127.0.0.1:port} for a member started with TLS, else {@code http://}. */
    public String clientUrl() {
        return (tls == null ? "http" : "https") + "://" + Loopback.HOST + ":" + clientPort;
    }

    public String peerUrl() {
        return "http://" + Loopback.HOST + ":" + peerPort;
    }

    /** Pid of the member's etcd process, or -1 if it never started (the benchmarks place it in a cgroup). */
    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The member's etcd log (appended to across restarts). */
    public Path logFile() {
        return process.logFile();
    }

    /** SIGTERM and wait for a clean exit (SIGKILL after 20 s). */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** SIGKILL: nothing is flushed beyond what etcd already fsynced. */
    public void kill() {
        process.kill();
    }

    /** Starts the member again on the same ports and data dir and waits until it is healthy. */
    public void start() {
        spawn();
        awaitHealthy(Instant.now().plus(START_TIMEOUT));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    void spawn() {
        process.start();
    }

    void awaitHealthy(Instant deadline) {
        EtcdHealth.await(http, clientUrl(), deadline, process::isAlive).ifPresent(why -> {
            throw failure(process.isAlive() ? why : "exited with code " + process.exitCode() + " before becoming healthy");
        });
    }

    String logTail() {
        return process.logTail(LOG_TAIL_LINES);
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("etcd member " + name + " (" + clientUrl() + ") " + what
                + "\n--- last lines of " + logFile() + " ---\n" + logTail());
    }

    @Override
    public String toString() {
        return name + "@" + clientUrl();
    }
}
