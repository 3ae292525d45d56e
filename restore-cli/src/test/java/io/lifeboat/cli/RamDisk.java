package io.lifeboat.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A tmpfs data dir for tests: a fresh tmpfs mounted by the test when it runs as root (the
 * data dir is then the mount point itself, as on a RAM-disk node), else a dir in /dev/shm.
 * Unmounted lazily: the CLI ran in this JVM, and its memory mappings of the (deleted)
 * snapshot file keep the tmpfs busy until a garbage collection.
 */
final class RamDisk implements AutoCloseable {

    private final Path dataDir;
    private final Path cleanup;
    private final boolean mounted;

    private RamDisk(Path dataDir, Path cleanup, boolean mounted) {
        this.dataDir = dataDir;
        this.cleanup = cleanup;
        this.mounted = mounted;
    }

    static RamDisk create(Path scratch) throws IOException {
        if (isRoot()) {
            Path mountPoint = Files.createDirectories(scratch.resolve("ram"));
            run("mount", "-t", "tmpfs", "-o", "size=256m,mode=0700", "lifeboat-test", mountPoint.toString());
            return new RamDisk(mountPoint, mountPoint, true);
        }
        Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "lifeboat-it-");
        return new RamDisk(shm.resolve("etcd"), shm, false);
    }

    Path dataDir() {
        return dataDir;
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    static void unmountIfMounted(Path dir) {
        try {
            if (Files.isDirectory(dir) && Files.getFileStore(dir).type().equals("tmpfs")
                    && !Files.getFileStore(dir.getParent()).type().equals("tmpfs")) {
                run("umount", "-l", dir.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (mounted) {
            run("umount", "-l", cleanup.toString());
        }
        try (Stream<Path> paths = Files.walk(cleanup)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(p.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
