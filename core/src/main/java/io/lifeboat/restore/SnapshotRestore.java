package io.lifeboat.restore;

import io.lifeboat.bbolt.BboltFile;
import io.lifeboat.manifest.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores one snapshot into a fresh etcd data dir: the use case behind {@code lifeboat restore}.
 *
 * <p>Steps (DESIGN.md "Restore"): refuse a manifest that contradicts itself, find etcd's tools,
 * look at the target (tmpfs checked or mounted as asked; not empty means refused unless moved
 * aside) → remove staging dirs that killed restores left there ({@link StaleStaging}) → stage
 * beside it on the same file system → download and verify every byte and figure against the
 * manifest ({@link SnapshotDownload}) → etcd's restore tool builds the data dir → optionally
 * start etcd on it ({@link StartCheck}) → one atomic rename into place.
 *
 * <p>Never damages what is there: everything happens in the staging area until the last step,
 * and the staging area is deleted on success and on every failure; a tmpfs this restore
 * mounted is unmounted again if it fails. Blocking: call it from a thread that may block
 * (never a Netty event loop).
 *
 * <p>Errors: {@code SnapshotIntegrityException} or {@code BboltFormatException} (the snapshot
 * or its manifest is not what it should be), {@code StoreException} (bucket unreachable),
 * {@link TargetRefusedException}, {@link EtcdToolException}; {@code UncheckedIOException}
 * for local disk failures.
 */
public final class SnapshotRestore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRestore.class);

    /** etcd's wal.SegmentSizeBytes, preallocated by the restore tool. */
    private static final long WAL_SEGMENT_BYTES = 64L * 1000 * 1000;
    private static final long SPACE_MARGIN_BYTES = 8L << 20;

    private final SnapshotDownload download;
    private final Clock clock;

    public SnapshotRestore(SnapshotDownload download, Clock clock) {
        this.download = download;
        this.clock = clock;
    }

    public RestoreResult restore(Manifest manifest, RestoreOptions options) {
        long started = System.nanoTime();
        ManifestMatch.requireConsistent(manifest);
        EtcdTools tools = EtcdTools.locate(options.etcdBinDir(), options.verifyStart());
        TargetDir target = TargetDir.inspect(options.dataDir());
        boolean existed = target.exists();
        boolean mounted = prepareTmpfs(target, options.tmpfs());
        try {
            target = mounted ? TargetDir.inspect(target.path()) : target;
            target = sweepStale(target, options);
            requireUsable(target, options.moveAside());
            try (StagingArea staging = StagingArea.create(target, manifest.id())) {
                requireSpace(staging, manifest);
                Verified verified = download.toFile(manifest, staging.snapshotFile(), options.progress()).block();
                long downloaded = System.nanoTime();
                tools.restore(staging.snapshotFile(), staging.dataDir(), options.member(), staging.scratch("restore.log"));
                Optional<Path> checkDir = options.verifyStart() ? checkDir(tools, staging, options) : Optional.empty();
                // The start check compares with etcd 3.6's live-key count, which only the full bbolt walk gives.
                long liveKeys = options.verifyStart() ? BboltFile.status(staging.snapshotFile()).totalKeysV36() : -1;
                Files.delete(staging.snapshotFile());
                long restored = System.nanoTime();
                Optional<RestoreResult.Served> served = checkDir.map(dir -> startCheck(tools, dir, staging, options,
                        verified, liveKeys));
                long checked = System.nanoTime();
                Optional<Path> aside = staging.promote(target.path(), options.moveAside(), clock.instant());
                return new RestoreResult(manifest, target.path(), aside, verified, served, target.filesystemType(),
                        mounted, tools.restoreTool(), new RestoreResult.Timings(between(started, downloaded),
                        between(downloaded, restored), between(restored, checked), between(started, System.nanoTime())));
            }
        } catch (IOException e) {
            undoMount(mounted, existed, target);
            throw new UncheckedIOException("cannot restore into " + target.path() + ": " + e, e);
        } catch (RuntimeException | Error e) {
            undoMount(mounted, existed, target);
            throw e;
        }
    }

    private static boolean prepareTmpfs(TargetDir target, TmpfsMode tmpfs) {
        if (tmpfs instanceof TmpfsMode.Require) {
            Tmpfs.require(target);
        } else if (tmpfs instanceof TmpfsMode.Mount mount) {
            return Tmpfs.mount(target, mount.sizeBytes(), tempLog());
        }
        return false;
    }

    /**
     * Removes what killed restores left where this one stages. Before the emptiness check: on
     * a mount point the staging dirs are inside the data dir, and a stale one would refuse it.
     */
    private static TargetDir sweepStale(TargetDir target, RestoreOptions options) {
        boolean removed = !StaleStaging.sweep(StagingArea.baseFor(target), options.notices()).isEmpty();
        return removed && target.mountPoint() ? TargetDir.inspect(target.path()) : target;
    }

    private static void requireUsable(TargetDir target, boolean moveAside) {
        if (target.isEmpty()) {
            return;
        }
        if (!moveAside) {
            throw new TargetRefusedException(StagingArea.notEmpty(target) + "; restore refuses to write into it:"
                    + " choose an empty or new dir, or use --move-aside to keep the old one under another name");
        }
        if (target.mountPoint()) {
            throw new TargetRefusedException(StagingArea.notEmpty(target) + " and is a mount point, which"
                    + " --move-aside cannot rename: empty it or unmount it");
        }
    }

    /**
     * Refuses before downloading when the file system cannot hold the restore: the snapshot
     * file, etcd's copy of it as {@code member/snap/db}, and the WAL segment etcd preallocates
     * (64 MB). What a too-small tmpfs would otherwise make fail midway.
     */
    private static void requireSpace(StagingArea staging, Manifest manifest) throws IOException {
        long needed = 2 * manifest.dbSizeBytes() + WAL_SEGMENT_BYTES + SPACE_MARGIN_BYTES;
        long usable = Files.getFileStore(staging.dir()).getUsableSpace();
        if (usable < needed) {
            throw new TargetRefusedException(staging.dir().getParent() + " has " + (usable >> 20) + " MiB free; restoring"
                    + " this " + (manifest.dbSizeBytes() >> 20) + " MiB db needs about " + (needed >> 20) + " MiB (the"
                    + " snapshot file, etcd's copy of it and its 64 MB WAL segment): free space or use a larger tmpfs");
        }
    }

    /**
     * The data dir to start etcd on: the staged one for a single member (it becomes leader
     * alone); for a member of a larger cluster a throwaway single-member restore of the same
     * snapshot, because a lone member without quorum never serves.
     */
    private static Optional<Path> checkDir(EtcdTools tools, StagingArea staging, RestoreOptions options) {
        if (options.member().isSingleMember()) {
            return Optional.of(staging.dataDir());
        }
        Path dir = staging.scratch("start-check");
        String peer = "http://127.0.0.1:2380";
        tools.restore(staging.snapshotFile(), dir, new RestoreOptions.Member("lifeboat-check",
                "lifeboat-check=" + peer, peer, ""), staging.scratch("start-check-restore.log"));
        return Optional.of(dir);
    }

    private static RestoreResult.Served startCheck(EtcdTools tools, Path dir, StagingArea staging,
                                                   RestoreOptions options, Verified verified, long liveKeys) {
        String name = dir.equals(staging.dataDir()) ? options.member().effectiveName() : "lifeboat-check";
        StartCheck.Served served = StartCheck.run(tools.etcd().orElseThrow(), dir, name, verified.dbSizeBytes(),
                staging.scratch("start-check.log"), verified.revision(), liveKeys);
        return new RestoreResult.Served(served.revision(), served.liveKeys());
    }

    /** A tmpfs this restore mounted goes away again, and so does the directory if it created it. */
    private static void undoMount(boolean mounted, boolean existed, TargetDir target) {
        if (!mounted) {
            return;
        }
        try {
            Tmpfs.unmount(target.path(), tempLog());
        } catch (TargetRefusedException e) {
            // The error being thrown says why the restore failed; this one must reach the operator too.
            LOG.error("{}", e.getMessage());
            return;
        }
        if (!existed) {
            try {
                Files.deleteIfExists(target.path());
            } catch (IOException ignored) {
                // Left empty: the unmount failed, and the error being thrown says why the restore did.
            }
        }
    }

    private static Path tempLog() {
        try {
            Path log = Files.createTempFile("lifeboat-mount-", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp file: " + e, e);
        }
    }

    private static Duration between(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos);
    }
}
