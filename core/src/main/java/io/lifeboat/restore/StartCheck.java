package io.lifeboat.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts etcd on a restored data dir, on free 127.0.0.1 ports, and asks it what it serves:
 * the revision and the number of live keys must be what the snapshot holds. The proof that
 * the data dir is one etcd accepts, before it is moved into place.
 *
 * <p>Asks through etcd's JSON gateway ({@code POST /v3/kv/range}, etcd 3.4+), a serializable
 * count-only range over all keys: no gRPC client needed, nothing written. The backend quota
 * is raised for the check so that a large db does not raise a NOSPACE alarm, which etcd
 * would store in the data dir. etcd runs under a {@link Watchdog}: it never outlives this JVM,
 * not even one killed with SIGKILL.
 */
final class StartCheck {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final long MIN_QUOTA_BYTES = 8L << 30;
    private static final String ALL_KEYS = "{\"key\":\"AA==\",\"range_end\":\"AA==\",\"count_only\":true,"
            + "\"serializable\":true}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /** What the started etcd served. */
    record Served(long revision, long liveKeys) {
    }

    private StartCheck() {
    }

    static Served run(Path etcd, Path dataDir, String name, long dbSizeBytes, Path log, long expectedRevision,
                      long expectedLiveKeys) {
        String client = "http://127.0.0.1:" + freePort();
        String peer = "http://127.0.0.1:" + freePort();
        List<String> command = List.of(etcd.toString(), "--name", name, "--data-dir", dataDir.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--quota-backend-bytes", Long.toString(Math.max(MIN_QUOTA_BYTES, 2 * dbSizeBytes)));
        Process process;
        try {
            // stdin stays a pipe from this JVM: the watchdog stops etcd when it closes (see Watchdog).
            process = new ProcessBuilder(Watchdog.wrap(command)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new EtcdToolException("cannot start " + etcd + ": " + e.getMessage(), e);
        }
        try {
            Served served = awaitServed(process, client, log);
            if (served.revision() != expectedRevision || served.liveKeys() != expectedLiveKeys) {
                throw new EtcdToolException("etcd started on the restored data dir serves revision "
                        + served.revision() + " with " + served.liveKeys() + " keys; the snapshot holds revision "
                        + expectedRevision + " with " + expectedLiveKeys + " keys");
            }
            return served;
        } finally {
            stop(process);
        }
    }

    private static Served awaitServed(Process process, String client, Path log) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest request = HttpRequest.newBuilder(URI.create(client + "/v3/kv/range"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(ALL_KEYS)).build();
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new EtcdToolException("etcd exited with code " + process.exitValue()
                        + " on the restored data dir; its last output:\n" + ToolRun.tail(log));
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode body = JSON.readTree(response.body());
                    // The gateway writes int64 as strings and leaves out zero values.
                    return new Served(body.path("header").path("revision").asLong(0), body.path("count").asLong(0));
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtcdToolException("interrupted while waiting for etcd", e);
            }
            sleep();
        }
        throw new EtcdToolException("etcd on the restored data dir did not serve within "
                + READY_TIMEOUT.toSeconds() + " s (last: " + last + "); its last output:\n" + ToolRun.tail(log));
    }

    /**
     * SIGTERM to the watchdog, which forwards it to etcd; SIGKILL after the grace. etcd itself
     * (found before the wrapper goes) is then killed too if still there, so that a wrapper that
     * had to be killed cannot leave it running. ProcessHandle checks the start time, so a reused
     * pid is never signalled.
     */
    private static void stop(Process process) {
        List<ProcessHandle> etcd = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            etcd.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EtcdToolException("no free port on 127.0.0.1 for the start check: " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdToolException("interrupted while waiting for etcd", e);
        }
    }
}
