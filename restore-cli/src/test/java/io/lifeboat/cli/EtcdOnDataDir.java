package io.lifeboat.cli;

import io.lifeboat.testing.EtcdHealth;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd started the way an operator starts it after a restore: on the restored data dir, with
 * the member name and peer URL it was restored with, on 127.0.0.1.
 */
final class EtcdOnDataDir implements AutoCloseable {

    private final Process process;
    private final String clientUrl;
    private final Path log;

    EtcdOnDataDir(Path dataDir, String name, int clientPort, int peerPort, Path log) {
        this.clientUrl = "http://127.0.0.1:" + clientPort;
        this.log = log;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = List.of("etcd", "--name", name, "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(new File("/dev/null")).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy();
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String clientUrl() {
        return clientUrl;
    }

    private void awaitHealthy() {
        EtcdHealth.await(clientUrl, Instant.now().plusSeconds(60), process::isAlive).ifPresent(why -> {
            close();
            throw new IllegalStateException("etcd on the restored data dir: " + why + "\n" + logText());
        });
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
