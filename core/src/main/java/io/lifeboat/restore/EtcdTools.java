package io.lifeboat.restore;

import io.lifeboat.snapshot.SnapshotDigest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * etcd's own executables, which build and serve the restored data dir: lifeboat never writes
 * etcd's WAL or membership itself. {@code etcdutl snapshot restore} where etcdutl exists (etcd
 * 3.5+, where etcdctl's restore is deprecated, and gone in 3.6), else
 * {@code etcdctl snapshot restore} with {@code ETCDCTL_API=3} (etcd 3.4).
 *
 * @param restoreTool etcdutl or etcdctl
 * @param etcd the server, for the start check; empty if not found (only needed with it)
 */
public record EtcdTools(Path restoreTool, Optional<Path> etcd) {

    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(30);
    /** etcd's {@code hasChecksum} sector size (etcdutl/snapshot/v3_snapshot.go). */
    private static final long TRAILER_ALIGNMENT_BYTES = 512;

    /**
     * Finds the tools in {@code binDir}, or on PATH when empty.
     *
     * @throws EtcdToolException naming where it looked if neither etcdutl nor etcdctl is there,
     *     or if {@code needEtcd} and etcd is not
     */
    public static EtcdTools locate(Optional<Path> binDir, boolean needEtcd) {
        Optional<Path> tool = find("etcdutl", binDir).or(() -> find("etcdctl", binDir));
        Optional<Path> etcd = find("etcd", binDir);
        String where = binDir.map(d -> "in " + d).orElse("on PATH");
        if (tool.isEmpty()) {
            throw new EtcdToolException("neither etcdutl nor etcdctl found " + where + "; install etcd's tools"
                    + " (the same version as the cluster's etcd) or point --etcd-bin-dir at them");
        }
        if (needEtcd && etcd.isEmpty()) {
            throw new EtcdToolException("etcd not found " + where + ": --verify-start needs it to start the"
                    + " restored member; install it or point --etcd-bin-dir at it");
        }
        return new EtcdTools(tool.get(), etcd);
    }

    /**
     * Builds a data dir from a snapshot file with etcd's restore tool.
     *
     * <p>The tool is told {@code --skip-hash-check}: its own check is one more full read and
     * SHA-256 of the db, of the digest {@link SnapshotDownload} has already compared with
     * etcd's trailer and the manifest while the file was written, so only a verified file
     * ever reaches this call. The flag skips the comparison only: etcd 3.4's
     * {@code etcdctl/snapshot v3Manager.saveDB} and 3.5/3.6's {@code etcdutl/snapshot
     * copyAndVerifyDB} copy the file to {@code member/snap/db} and then cut the last 32 bytes
     * off whenever the file's size modulo 512 is 32 ({@code hasChecksum}), with or without the
     * flag. So the file keeps etcd's trailer (it stays a file {@code etcdctl snapshot save}
     * would have written) and its size is checked to be one the tool recognises: a db whose
     * size is no multiple of 512 would otherwise keep the trailer as 32 bytes of garbage.
     *
     * @param snapshotFile the db followed by etcd's 32-byte SHA-256 trailer, already verified
     * @param dataDir must not exist yet; the tool creates it
     * @throws EtcdToolException with the tool's last output if it fails
     */
    public void restore(Path snapshotFile, Path dataDir, RestoreOptions.Member member, Path log) {
        requireTrailerRecognised(snapshotFile);
        List<String> command = new ArrayList<>(List.of(restoreTool.toString(), "snapshot", "restore",
                snapshotFile.toString(), "--data-dir", dataDir.toString(), "--skip-hash-check"));
        flag(command, "--name", member.name());
        flag(command, "--initial-cluster", member.initialCluster());
        flag(command, "--initial-advertise-peer-urls", member.initialAdvertisePeerUrls());
        flag(command, "--initial-cluster-token", member.initialClusterToken());
        ToolRun run = ToolRun.run(command, Map.of("ETCDCTL_API", "3"), log, RESTORE_TIMEOUT);
        if (run.exitCode() != 0 || !Files.isDirectory(dataDir.resolve("member"))) {
            throw new EtcdToolException(restoreTool.getFileName() + " snapshot restore failed (exit code "
                    + run.exitCode() + "); its last output:\n" + run.output());
        }
    }

    /** etcd's {@code hasChecksum}: a snapshot file whose size modulo 512 is 32 ends with the trailer. */
    private static void requireTrailerRecognised(Path snapshotFile) {
        long size;
        try {
            size = Files.size(snapshotFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + snapshotFile + ": " + e, e);
        }
        if (size % TRAILER_ALIGNMENT_BYTES != SnapshotDigest.SHA256_BYTES) {
            throw new EtcdToolException("the snapshot file " + snapshotFile + " has " + size + " bytes: etcd's"
                    + " restore tool strips its SHA-256 trailer only from a file whose size modulo "
                    + TRAILER_ALIGNMENT_BYTES + " is " + SnapshotDigest.SHA256_BYTES + " (a db of whole 512-byte"
                    + " sectors), so it would keep the trailer inside the restored db");
        }
    }

    private static void flag(List<String> command, String flag, String value) {
        if (!value.isEmpty()) {
            command.add(flag);
            command.add(value);
        }
    }

    static Optional<Path> find(String name, Optional<Path> binDir) {
        if (binDir.isPresent()) {
            return executable(binDir.get().resolve(name));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Optional<Path> found = dir.isEmpty() ? Optional.empty() : executable(Path.of(dir, name));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
                ? Optional.of(candidate.toAbsolutePath())
                : Optional.empty();
    }
}
