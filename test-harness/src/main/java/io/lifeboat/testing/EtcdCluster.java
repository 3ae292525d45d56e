package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real etcd cluster of local processes on 127.0.0.1. Each member has its own data dir and log
 * file under the base dir; nothing is written anywhere else.
 */
public final class EtcdCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdCluster.class);

    private final Path baseDir;
    private final List<EtcdMember> members;

    private EtcdCluster(Path baseDir, List<EtcdMember> members) {
        this.baseDir = baseDir;
        this.members = List.copyOf(members);
    }

    /**
     * Starts {@code members} etcd processes (1 or 3; at most 5) on free ports and waits until
     * every member reports healthy. On failure the started processes are stopped and the error
     * carries the tail of each failing member's log.
     */
    public static EtcdCluster start(int members, Path baseDir) {
        if (members < 1 || members > 5) {
            throw new IllegalArgumentException("members must be 1..5, got " + members);
        }
        return startNew(newMembers(members, baseDir, null), baseDir);
    }

    /**
     * Starts one etcd member whose client URL is https and requires a client certificate signed
     * by {@code tls}'s CA ({@code --client-cert-auth}), as a kubeadm control plane runs etcd;
     * the peer URL stays http. Waits until /health, asked over TLS, reports healthy.
     */
    public static EtcdCluster startTls(Path baseDir, EtcdTls tls) {
        return startNew(newMembers(1, baseDir, tls), baseDir);
    }

    private static EtcdCluster startNew(List<EtcdMember> created, Path baseDir) {
        for (EtcdMember member : created) {
            if (Files.exists(member.dataDir())) {
                throw new IllegalStateException("data dir " + member.dataDir() + " already exists: "
                        + "a new cluster needs an empty base dir");
            }
        }
        return startAll(created, baseDir);
    }

    /**
     * The restore drill: builds a one-member data dir from {@code snapshot} with etcd's own tool
     * ({@link Etcdctl#restore}), then starts etcd on it and waits until it is healthy. The
     * snapshot may be an etcdctl-saved file (db + sha256 trailer, checked) or a bare db.
     */
    public static EtcdCluster restoreAndStart(Path snapshot, Path baseDir) {
        EtcdMember member = newMembers(1, baseDir, null).get(0);
        String initialCluster = member.name() + "=" + member.peerUrl();
        new Etcdctl().restore(snapshot, member.dataDir(), member.name(), initialCluster, member.peerUrl());
        return startAll(List.of(member), baseDir);
    }

    private static List<EtcdMember> newMembers(int count, Path baseDir, EtcdTls tls) {
        createDirectories(baseDir);
        List<String> names = new ArrayList<>();
        List<int[]> ports = new ArrayList<>();
        StringJoiner initialCluster = new StringJoiner(",");
        for (int i = 0; i < count; i++) {
            names.add("etcd-" + i);
            ports.add(new int[] {Loopback.freePort(), Loopback.freePort()});
            initialCluster.add(names.get(i) + "=http://" + Loopback.HOST + ":" + ports.get(i)[1]);
        }
        String token = "lifeboat-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(new EtcdMember(names.get(i), ports.get(i)[0], ports.get(i)[1], baseDir,
                    initialCluster.toString(), token, tls));
        }
        return members;
    }

    private static EtcdCluster startAll(List<EtcdMember> members, Path baseDir) {
        long started = System.nanoTime();
        EtcdCluster cluster = new EtcdCluster(baseDir, members);
        try {
            // All members first: a 3-member cluster elects a leader only once a quorum runs.
            members.forEach(EtcdMember::spawn);
            Instant deadline = Instant.now().plus(EtcdMember.START_TIMEOUT);
            members.forEach(member -> member.awaitHealthy(deadline));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("etcd cluster of {} healthy in {} ms at {} (logs in {})", members.size(),
                (System.nanoTime() - started) / 1_000_000, cluster.clientEndpoints(), baseDir);
        return cluster;
    }

    /** Comma-separated client URLs of all members, e.g. {@code http://127.0.0.1:40123}. */
    public String clientEndpoints() {
        return members.stream().map(EtcdMember::clientUrl).collect(Collectors.joining(","));
    }

    public List<EtcdMember> members() {
        return members;
    }

    public EtcdMember member(int i) {
        return members.get(i);
    }

    public Path baseDir() {
        return baseDir;
    }

    /**
     * Waits until every running member reports healthy again, e.g. after killing the leader:
     * until a new leader is elected, a follower drops writes and clients see
     * "request timed out, possibly due to previous leader failure" after 7 s.
     */
    public void awaitHealthy() {
        Instant deadline = Instant.now().plus(EtcdMember.START_TIMEOUT);
        members.stream().filter(EtcdMember::isRunning).forEach(member -> member.awaitHealthy(deadline));
    }

    /** Stops every member (SIGTERM, then SIGKILL if needed). Deletes nothing. */
    @Override
    public void close() {
        members.forEach(EtcdMember::stop);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "EtcdCluster" + members;
    }
}
