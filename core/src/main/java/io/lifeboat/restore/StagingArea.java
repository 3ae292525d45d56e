package io.lifeboat.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A private directory where a restore builds the data dir before it is moved into place, on
 * the same file system as the data dir, so that the final step is one atomic rename.
 *
 * <p>Where: beside the data dir ({@code <parent>/.lifeboat-staging-<id>-<random>}); or, when the
 * data dir is itself a mount point (a tmpfs mounted at {@code /var/lib/etcd}), inside it, and
 * then only its {@code member} directory is renamed into place: the mount point cannot be
 * replaced, and a rename out of it would cross file systems. Mode 0700: a snapshot holds
 * Kubernetes Secrets. {@link #close()} deletes the directory and all in it; a restore always
 * closes it, on success and on failure, so no half-staged dir is ever left behind. A restore
 * killed outright cannot: its dir records its owner, and the next restore beside it removes
 * it ({@link StaleStaging}).
 */
public final class StagingArea implements AutoCloseable {

    static final String PREFIX = ".lifeboat-staging-";
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Staging dirs of this JVM not yet deleted: a shutdown hook (Ctrl-C) deletes them. */
    private static final Set<StagingArea> LIVE = ConcurrentHashMap.newKeySet();

    private final Path dir;

    private StagingArea(Path dir) {
        this.dir = dir;
    }

    /** Where staging dirs for a restore into {@code target} go (and stale ones are looked for). */
    static Path baseFor(TargetDir target) {
        return target.mountPoint() ? target.path() : target.parent();
    }

    /**
     * Creates the staging directory for a restore into {@code target}, recording this process
     * as its owner ({@link StagingOwner}) so that a later restore can remove it if this one is
     * killed before it can.
     */
    public static StagingArea create(TargetDir target, String snapshotId) {
        Path base = baseFor(target);
        if (!Files.isDirectory(base)) {
            throw new TargetRefusedException("the parent directory " + base + " of the data dir does not exist;"
                    + " create it first");
        }
        String name = PREFIX + snapshotId + "-" + Long.toString(RANDOM.nextLong() >>> 1, 36);
        try {
            Path dir = Files.createDirectory(base.resolve(name),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            StagingArea area = new StagingArea(dir);
            LIVE.add(area);
            try {
                StagingOwner.current().writeInto(dir);
            } catch (IOException | RuntimeException e) {
                area.close();
                throw e;
            }
            return area;
        } catch (IOException e) {
            throw new TargetRefusedException("cannot create a staging directory in " + base + ": " + e, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Where the downloaded snapshot file goes. */
    public Path snapshotFile() {
        return dir.resolve("snapshot.db");
    }

    /** Where etcd's restore tool builds the data dir (it must not exist before). */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Scratch space for the start check of a multi-member restore, and etcd's log. */
    public Path scratch(String name) {
        return dir.resolve(name);
    }

    /**
     * Moves the staged data dir into place, atomically. The target is looked at again first:
     * something may have appeared in it since the restore began.
     *
     * @return where the old data dir was moved, if it was not empty and {@code moveAside}
     * @throws TargetRefusedException if the target is not empty and not to be moved aside
     */
    public Optional<Path> promote(Path targetPath, boolean moveAside, Instant now) {
        TargetDir target = TargetDir.inspect(targetPath);
        boolean empty = target.entries().stream().allMatch(name -> name.startsWith(PREFIX));
        try {
            if (target.mountPoint()) {
                if (!empty) {
                    throw new TargetRefusedException(notEmpty(target) + (moveAside
                            ? "; --move-aside cannot rename a mount point: empty it or unmount it" : ""));
                }
                move(dataDir().resolve("member"), target.path().resolve("member"));
                return Optional.empty();
            }
            if (!target.exists() || empty) {
                move(dataDir(), target.path());
                return Optional.empty();
            }
            if (!moveAside) {
                throw new TargetRefusedException(notEmpty(target) + "; use --move-aside to keep it under another name");
            }
            Path aside = target.parent().resolve(target.path().getFileName() + ".lifeboat-old-" + ASIDE_TIME.format(now));
            move(target.path(), aside);
            try {
                move(dataDir(), target.path());
            } catch (IOException e) {
                move(aside, target.path());
                throw e;
            }
            return Optional.of(aside);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the restored data dir into " + target.path() + ": " + e, e);
        }
    }

    static String notEmpty(TargetDir target) {
        return "data dir " + target.path() + " is not empty (" + target.entries().size() + " entries, e.g. "
                + target.entries().get(0) + ")";
    }

    /** Deletes the staging directory and everything in it. Idempotent. */
    @Override
    public void close() {
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the staging directory " + dir + ": " + e, e);
        } finally {
            LIVE.remove(this);
        }
    }

    /** For a shutdown hook: deletes every staging directory this JVM has not closed yet. */
    public static void closeAllLive() {
        for (StagingArea area : LIVE) {
            try {
                area.close();
            } catch (UncheckedIOException ignored) {
                // Best effort while the JVM exits; the next restore's directory has another name.
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(from + " and " + to + " are on different file systems", e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfThere(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                deleteIfThere(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfThere(Path p) throws IOException {
        Files.deleteIfExists(p);
    }
}
