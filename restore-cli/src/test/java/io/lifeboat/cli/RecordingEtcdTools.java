package io.lifeboat.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A directory for {@code --etcd-bin-dir} whose etcdutl, etcdctl and etcd are small scripts that
 * append their command line to a record file and then exec the real tool: the restore runs
 * etcd's real tools, and a test can see which of them it called, and with what.
 *
 * <p>The real tools are found where the test harness finds them: in {@code -Dlifeboat.etcd.bin-dir}
 * when set, else on PATH. Only tools that exist are wrapped, so lifeboat's choice (etcdutl
 * before etcdctl) is the same as without the wrapper.
 */
final class RecordingEtcdTools {

    private static final List<String> TOOLS = List.of("etcdutl", "etcdctl", "etcd");

    private final Path binDir;
    private final Path record;

    private RecordingEtcdTools(Path binDir, Path record) {
        this.binDir = binDir;
        this.record = record;
    }

    static RecordingEtcdTools create(Path dir) {
        try {
            Path binDir = Files.createDirectories(dir.resolve("bin"));
            Path record = dir.resolve("invocations.txt");
            int wrapped = 0;
            for (String tool : TOOLS) {
                Optional<Path> real = findReal(tool);
                if (real.isPresent()) {
                    Path script = binDir.resolve(tool);
                    Files.writeString(script, "#!/bin/sh\n"
                            + "printf '%s\\n' \"" + tool + " $*\" >> '" + record + "'\n"
                            + "exec '" + real.get() + "' \"$@\"\n", StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                    wrapped++;
                }
            }
            if (wrapped == 0) {
                throw new IllegalStateException("none of " + TOOLS + " found to wrap; install etcd's tools");
            }
            return new RecordingEtcdTools(binDir, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to pass to {@code --etcd-bin-dir}. */
    Path binDir() {
        return binDir;
    }

    /** Forgets earlier invocations. */
    void clear() {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every invocation since the last {@link #clear()}, one command line each ("etcdctl snapshot restore ..."). */
    List<String> invocations() {
        try {
            return Files.exists(record) ? Files.readAllLines(record, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> findReal(String tool) {
        String binDir = System.getProperty("lifeboat.etcd.bin-dir");
        List<String> dirs = binDir != null && !binDir.isBlank() ? List.of(binDir)
                : List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool).toAbsolutePath())
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }
}
