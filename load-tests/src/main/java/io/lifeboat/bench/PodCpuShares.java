package io.lifeboat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The put-latency benchmark's model of how a kubeadm node weighs its pods' CPU: a parent cpu
 * cgroup for "kubepods" (shares: 1024 per core, as the kubelet gives the node's allocatable CPU)
 * holding one cpu cgroup per pod, whose {@code cpu.shares} is what the kubelet gives a Burstable
 * pod for its CPU request: millicores × 1024 / 1000, at least 2 (kubeadm's etcd 100m → 102, the
 * DaemonSet's lifeboat 10m → 10). Under contention the kernel divides the cores between the pods
 * by these weights; nice only orders the threads within one cgroup.
 *
 * <p>cgroup v1's cpu controller only (what this kind of machine has; {@code /sys/fs/cgroup/cpu}
 * writable, so root): a v2 host would need {@code cpu.weight}, not written here because it could
 * not be run here. Groups {@code outside} the pods are siblings of the parent at the root, as
 * system.slice's services are (the benchmark places S3Mock there when asked: it stands for the
 * remote bucket, which on a real node costs no CPU at all). Everything else (the benchmark's own
 * JVM, etcdctl, S3Mock unless placed) stays where it was. {@link #close()} moves every process
 * left in these cgroups back to the root cgroup and removes them.
 */
final class PodCpuShares implements AutoCloseable {

    static final Path V1_CPU = Path.of("/sys/fs/cgroup/cpu");

    private final Path parent;
    private final Map<String, Path> pods;

    private PodCpuShares(Path parent, Map<String, Path> pods) {
        this.parent = parent;
        this.pods = pods;
    }

    /** What the kubelet writes to a Burstable pod's cpu.shares for its CPU request. */
    static long sharesFor(int millicores) {
        return Math.max(2, millicores * 1024L / 1000);
    }

    /**
     * @param name          the parent cgroup's name under {@link #V1_CPU}
     * @param requests      each pod's CPU request in millicores, by pod name
     * @param outside       the same for groups beside the pods' parent, at the root
     */
    static PodCpuShares create(String name, Map<String, Integer> requests, Map<String, Integer> outside) {
        if (!Files.isWritable(V1_CPU.resolve("cgroup.procs"))) {
            throw new IllegalStateException("--pod-cpu needs cgroup v1's cpu controller, writable, at " + V1_CPU
                    + " (run as root on a cgroup v1 host; a cgroup v2 host is not modelled here)");
        }
        Path parent = V1_CPU.resolve(name);
        Map<String, Path> pods = new LinkedHashMap<>();
        PodCpuShares created = new PodCpuShares(parent, pods);
        try {
            Files.createDirectory(parent);
            write(parent.resolve("cpu.shares"), Long.toString(1024L * Runtime.getRuntime().availableProcessors()));
            for (Map.Entry<String, Integer> request : requests.entrySet()) {
                Path pod = Files.createDirectory(parent.resolve(request.getKey()));
                pods.put(request.getKey(), pod);
                write(pod.resolve("cpu.shares"), Long.toString(sharesFor(request.getValue())));
            }
            for (Map.Entry<String, Integer> request : outside.entrySet()) {
                Path group = Files.createDirectory(V1_CPU.resolve(name + "-" + request.getKey()));
                pods.put(request.getKey(), group);
                write(group.resolve("cpu.shares"), Long.toString(sharesFor(request.getValue())));
            }
            return created;
        } catch (IOException | RuntimeException e) {
            created.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Moves a running process (all its threads) into a pod's cgroup. */
    void move(String pod, long pid) {
        try {
            write(cgroup(pod).resolve("cgroup.procs"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("could not move pid " + pid + " into " + cgroup(pod), e);
        }
    }

    /**
     * A command prefix that puts the command's process into a pod's cgroup before it runs: the
     * shell moves itself, then execs the command, so the pid a caller samples is the command's.
     */
    List<String> launcher(String pod) {
        return List.of("sh", "-c", "echo $$ > '" + cgroup(pod).resolve("cgroup.procs") + "' && exec \"$@\"", "sh");
    }

    /** The shares each pod's cgroup holds, read back from the kernel: what the report prints. */
    Map<String, Long> shares() {
        Map<String, Long> shares = new LinkedHashMap<>();
        pods.forEach((pod, dir) -> {
            try {
                shares.put(pod, Long.parseLong(Files.readString(dir.resolve("cpu.shares")).strip()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return shares;
    }

    private Path cgroup(String pod) {
        Path dir = pods.get(pod);
        if (dir == null) {
            throw new IllegalArgumentException("no pod cgroup " + pod + " (have " + pods.keySet() + ")");
        }
        return dir;
    }

    @Override
    public void close() {
        // Children before their parent; the groups outside the parent have none.
        List<Path> dirs = new ArrayList<>(pods.values());
        dirs.add(parent);
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    if (!pid.isBlank()) {
                        try {
                            write(V1_CPU.resolve("cgroup.procs"), pid.strip());
                        } catch (IOException exited) {
                            // The process ended between the read and the move: nothing to move.
                        }
                    }
                }
                Files.delete(dir);
            } catch (IOException e) {
                System.err.println("could not remove cgroup " + dir + ": " + e.getMessage());
            }
        }
    }

    private static void write(Path file, String value) throws IOException {
        // cgroup files take one write of the whole value; no truncation, no temp file.
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII));
    }
}
