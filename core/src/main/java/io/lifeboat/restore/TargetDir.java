package io.lifeboat.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What is at the data dir a restore is asked to fill, looked at once and never changed here.
 *
 * @param path the data dir, symlinks resolved (a symlinked data dir is restored where it points)
 * @param exists whether it exists
 * @param entries its entries, except {@code lost+found} of a mount point; empty if it does not exist
 * @param mountPoint whether a file system is mounted on it (its device differs from its parent's)
 * @param filesystemType the type of the file system it is, or will be, on (e.g. {@code tmpfs},
 *     {@code ext4}): its own if it exists, else that of its nearest existing ancestor
 */
public record TargetDir(Path path, boolean exists, List<String> entries, boolean mountPoint, String filesystemType) {

    /** A mount point's own entry: fsck's directory on ext file systems, not data. */
    static final String LOST_AND_FOUND = "lost+found";

    public static TargetDir inspect(Path dir) {
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            Path path = Files.exists(absolute) ? absolute.toRealPath() : absolute;
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw new TargetRefusedException(path + " exists and is not a directory; a data dir must be one");
            }
            boolean exists = Files.isDirectory(path);
            boolean mountPoint = exists && path.getParent() != null
                    && !device(path).equals(device(path.getParent()));
            List<String> entries = exists ? entries(path, mountPoint) : List.of();
            String type = Files.getFileStore(nearestExisting(path)).type();
            return new TargetDir(path, exists, entries, mountPoint, type);
        } catch (IOException e) {
            throw new TargetRefusedException("cannot inspect " + dir + ": " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean isTmpfs() {
        return filesystemType.equals("tmpfs");
    }

    public Path parent() {
        return path.getParent();
    }

    /** The closest of {@code path} and its ancestors that exists. */
    static Path nearestExisting(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new UncheckedIOException(new IOException("no existing ancestor of " + path));
        }
        return p;
    }

    private static Object device(Path p) throws IOException {
        return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    }

    private static List<String> entries(Path dir, boolean mountPoint) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(name -> !(mountPoint && name.equals(LOST_AND_FOUND)))
                    .sorted()
                    .toList();
        }
    }
}
