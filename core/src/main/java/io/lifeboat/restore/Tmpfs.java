package io.lifeboat.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * tmpfs for etcd data dirs on RAM-disk nodes: the check that a data dir is on one, and the
 * mount of a new one (Linux {@code mount -t tmpfs}, which needs root).
 */
final class Tmpfs {

    private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(30);

    private Tmpfs() {
    }

    static void require(TargetDir target) {
        if (!target.isTmpfs()) {
            throw new TargetRefusedException("--tmpfs require: " + target.path() + " is on a " + target.filesystemType()
                    + " file system, not tmpfs (etcd there would not run from RAM); mount a tmpfs on it, use"
                    + " --tmpfs mount=SIZE as root, or --tmpfs off");
        }
    }

    /**
     * Mounts a tmpfs of {@code sizeBytes} on the target, creating the directory if absent.
     *
     * @return true if this call mounted one (and so must unmount it on failure); false if the
     *     target is already a tmpfs mount point
     */
    static boolean mount(TargetDir target, long sizeBytes, Path log) {
        if (target.mountPoint() && target.isTmpfs()) {
            return false;
        }
        if (!isRoot()) {
            throw new TargetRefusedException("--tmpfs mount=" + sizeBytes + " needs root to mount a tmpfs on "
                    + target.path() + "; run as root, or mount one yourself and use --tmpfs require");
        }
        if (!target.isEmpty()) {
            throw new TargetRefusedException(StagingArea.notEmpty(target) + "; a tmpfs would hide its contents");
        }
        try {
            Files.createDirectories(target.path());
        } catch (IOException e) {
            throw new TargetRefusedException("cannot create " + target.path() + ": " + e.getMessage(), e);
        }
        ToolRun run = ToolRun.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes + ",mode=0700",
                "lifeboat", target.path().toString()), Map.of(), log, MOUNT_TIMEOUT);
        if (run.exitCode() != 0) {
            throw new TargetRefusedException("cannot mount a tmpfs on " + target.path() + " (mount exited with "
                    + run.exitCode() + "): " + run.output());
        }
        return true;
    }

    /**
     * After a failed restore, a tmpfs this restore mounted is taken away again. Lazily
     * ({@code umount -l}): the bbolt reader's memory mappings of the deleted snapshot file
     * keep the file system busy until the garbage collector or the exit of this JVM releases
     * them, and the mount must not outlive the restore.
     */
    static void unmount(Path dir, Path log) {
        ToolRun run = ToolRun.run(List.of("umount", "-l", dir.toString()), Map.of(), log, MOUNT_TIMEOUT);
        if (run.exitCode() != 0) {
            throw new TargetRefusedException("the restore failed, and the tmpfs it mounted on " + dir
                    + " cannot be unmounted: " + run.output());
        }
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
