package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd's command-line tools as tests use them: the reference implementation lifeboat's own
 * snapshot, status and restore code is checked against. Uses {@code etcdutl} for offline
 * snapshot work when it exists (etcd 3.5+, where etcdctl's snapshot status/restore are
 * deprecated), else {@code etcdctl} with ETCDCTL_API=3 (3.4). Failures carry the tool's stderr.
 */
public final class Etcdctl {

    private static final Map<String, String> API_V3 = Map.of("ETCDCTL_API", "3");
    /** Generous: saving or restoring a 1.5 GiB db on a busy CI machine takes a while. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** The response header's revision in etcdctl's {@code -w json} output of put and endpoint status. */
    private static final Pattern HEADER_REVISION = Pattern.compile("\"revision\":(\\d+)");

    private final Path etcdctl;
    private final Optional<Path> etcdutl;
    /** --cacert/--cert/--key for commands that talk to a member; empty for plain http. */
    private final List<String> tlsFlags;

    public Etcdctl() {
        this(List.of());
    }

    private Etcdctl(List<String> tlsFlags) {
        this.etcdctl = EtcdBinaries.require("etcdctl");
        this.etcdutl = EtcdBinaries.find("etcdutl");
        this.tlsFlags = tlsFlags;
    }

    /** The same tools talking to a TLS member (see {@link EtcdCluster#startTls}) as {@code tls}'s client. */
    public Etcdctl withTls(EtcdTls tls) {
        return new Etcdctl(tls.etcdctlFlags());
    }

    /** {@code snapshot status -w json} of a snapshot file. */
    public EtcdctlStatus status(Path snapshotFile) {
        List<String> command = offlineTool();
        command.addAll(List.of("snapshot", "status", snapshotFile.toString(), "-w", "json"));
        return EtcdctlStatus.parse(ToolRun.run(command, API_V3, TIMEOUT).requireSuccess().stdout());
    }

    /** {@code etcdctl snapshot save}: a snapshot of the member at {@code endpoint} into {@code file}. */
    public void save(String endpoint, Path file) {
        ToolRun.run(online(endpoint, "snapshot", "save", file.toString()), API_V3, TIMEOUT).requireSuccess();
    }

    /** {@code etcdctl put}; returns the revision etcd answered with (the put's own). */
    public long put(String endpoint, String key, String value) {
        return headerRevision(ToolRun.run(online(endpoint, "put", key, value, "-w", "json"), API_V3, TIMEOUT)
                .requireSuccess());
    }

    /** The member's current revision, from {@code etcdctl endpoint status}. */
    public long revision(String endpoint) {
        return headerRevision(ToolRun.run(online(endpoint, "endpoint", "status", "-w", "json"), API_V3, TIMEOUT)
                .requireSuccess());
    }

    /**
     * {@code snapshot restore} into a new data dir (which must not exist yet) for member
     * {@code name} of {@code initialCluster} ("name=http://127.0.0.1:port,..."). A file saved by
     * etcdctl ends in the sha256 of the db, which the tool checks; a bare db (the stream without
     * its trailer) has none, and is restored with --skip-hash-check, as etcd's tool requires.
     */
    public void restore(Path snapshot, Path dataDir, String name, String initialCluster,
                        String initialAdvertisePeerUrls) {
        List<String> command = offlineTool();
        command.addAll(List.of("snapshot", "restore", snapshot.toString(),
                "--data-dir", dataDir.toString(),
                "--name", name,
                "--initial-cluster", initialCluster,
                "--initial-advertise-peer-urls", initialAdvertisePeerUrls));
        if (!hasSha256Trailer(snapshot)) {
            command.add("--skip-hash-check");
        }
        ToolRun.run(command, API_V3, TIMEOUT).requireSuccess();
    }

    /** etcd's own test (etcdutl snapshot restore): a db is whole pages, the trailer 32 bytes. */
    static boolean hasSha256Trailer(Path snapshot) {
        try {
            return Files.size(snapshot) % 512 == 32;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + snapshot, e);
        }
    }

    private List<String> online(String endpoint, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(etcdctl.toString());
        command.add("--endpoints=" + Loopback.requireAll(endpoint));
        command.addAll(tlsFlags);
        command.addAll(List.of(arguments));
        return command;
    }

    private static long headerRevision(ToolRun run) {
        Matcher m = HEADER_REVISION.matcher(run.stdout());
        if (!m.find()) {
            throw new IllegalStateException(String.join(" ", run.command()) + " printed no revision: " + run.stdout());
        }
        return Long.parseLong(m.group(1));
    }

    private List<String> offlineTool() {
        return new ArrayList<>(List.of(etcdutl.orElse(etcdctl).toString()));
    }
}
