package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of the extensions: data dirs of 1.5 GiB tests must not pile up in /tmp. */
final class TestDirs {

    /** Set to true to keep etcd data dirs, logs and the S3Mock root after the run, for debugging. */
    static final String KEEP_PROPERTY = "lifeboat.keep-test-dirs";

    private TestDirs() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** Deletes {@code dir} recursively unless {@value #KEEP_PROPERTY} is true. */
    static void deleteUnlessKept(Path dir) {
        if (!Boolean.getBoolean(KEEP_PROPERTY)) {
            delete(dir);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
