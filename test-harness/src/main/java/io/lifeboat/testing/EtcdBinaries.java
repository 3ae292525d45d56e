package io.lifeboat.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds etcd's executables: in the directory named by {@value #BIN_DIR_PROPERTY} when set (to test
 * another etcd release), else on PATH (the Debian packages put them in /usr/bin).
 */
final class EtcdBinaries {

    static final String BIN_DIR_PROPERTY = "lifeboat.etcd.bin-dir";

    private EtcdBinaries() {
    }

    static Path require(String tool) {
        return find(tool).orElseThrow(() -> new IllegalStateException(
                "'" + tool + "' not found " + where() + "; install etcd (Debian: etcd-server, "
                        + "etcd-client) or set -D" + BIN_DIR_PROPERTY + "=<dir with etcd, etcdctl>"));
    }

    static Optional<Path> find(String tool) {
        String binDir = System.getProperty(BIN_DIR_PROPERTY);
        if (binDir != null && !binDir.isBlank()) {
            return executable(Path.of(binDir, tool));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Optional<Path> found = dir.isEmpty() ? Optional.empty() : executable(Path.of(dir, tool));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
                ? Optional.of(candidate)
                : Optional.empty();
    }

    private static String where() {
        String binDir = System.getProperty(BIN_DIR_PROPERTY);
        return binDir != null && !binDir.isBlank() ? "in " + binDir : "on PATH";
    }
}
