package io.lifeboat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's temp dir: deleted at the end, and on Ctrl-C after every child is killed. */
final class WorkDir {

    private WorkDir() {
    }

    /** Shutdown hook (Ctrl-C, SIGTERM): no time for graceful stops, kill and delete. */
    static void abort(BenchEnvironment environment, Path dir) {
        MeasuredProcess.destroyAll();
        if (environment != null) {
            environment.kill();
        }
        try {
            delete(dir);
        } catch (UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
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
