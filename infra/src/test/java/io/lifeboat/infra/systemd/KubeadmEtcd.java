package io.lifeboat.infra.systemd;

import io.lifeboat.testing.ChildProcess;
import io.lifeboat.testing.EtcdHealth;
import io.lifeboat.testing.Loopback;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd as kubelet runs kubeadm's static pod on a single node, on 127.0.0.1: {@code --name},
 * {@code --data-dir}, the peer URL as both {@code --initial-advertise-peer-urls} and the only
 * {@code --initial-cluster} entry, no cluster token (etcd's default). {@link #manifest()} is the
 * flag part of /etc/kubernetes/manifests/etcd.yaml, which boot-restore reads the member from.
 * Each {@link #start()} is one pod start on the same data dir and ports.
 */
final class KubeadmEtcd implements AutoCloseable {

    private final String name;
    private final Path dataDir;
    private final int clientPort = Loopback.freePort();
    private final int peerPort = Loopback.freePort();
    private final Path log;
    private Process process;

    KubeadmEtcd(String name, Path dataDir, Path log) {
        this.name = name;
        this.dataDir = dataDir;
        this.log = log;
    }

    String clientUrl() {
        return "http://127.0.0.1:" + clientPort;
    }

    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    /** The etcd container's command as kubeadm writes it (http instead of kubeadm's https). */
    String manifest() {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: etcd
                  namespace: kube-system
                spec:
                  containers:
                  - command:
                    - etcd
                    - --advertise-client-urls=%1$s
                    - --data-dir=%2$s
                    - --initial-advertise-peer-urls=%3$s
                    - --initial-cluster=%4$s=%3$s
                    - --listen-client-urls=%1$s
                    - --listen-peer-urls=%3$s
                    - --name=%4$s
                    - --snapshot-count=10000
                    image: registry.k8s.io/etcd:3.5.15-0
                """.formatted(clientUrl(), dataDir, peerUrl(), name);
    }

    void start() {
        List<String> command = List.of("etcd", "--name", name, "--data-dir", dataDir.toString(),
                "--advertise-client-urls", clientUrl(), "--listen-client-urls", clientUrl(),
                "--initial-advertise-peer-urls", peerUrl(), "--listen-peer-urls", peerUrl(),
                "--initial-cluster", name + "=" + peerUrl(), "--snapshot-count", "10000");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(new File("/dev/null"));
        builder.environment().keySet().removeIf(key -> key.startsWith("ETCD"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd", e);
        }
        awaitHealthy();
    }

    /** SIGTERM and wait, as kubelet/containerd stop the pod. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitHealthy() {
        EtcdHealth.await(clientUrl(), Instant.now().plusSeconds(60), process::isAlive).ifPresent(why -> {
            stop();
            throw new IllegalStateException("etcd on " + dataDir + ": " + why + "\n" + ChildProcess.tail(log, 30));
        });
    }
}
