package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a command-line tool to completion, output captured through files (no pipe stalls). */
record ToolRun(List<String> command, int exitCode, String stdout, String stderr) {

    static ToolRun run(List<String> command, Map<String, String> extraEnvironment, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("lifeboat-tool-", ".out");
            err = Files.createTempFile("lifeboat-tool-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
            ChildProcess.minimalEnvironment(builder.environment());
            builder.environment().putAll(extraEnvironment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + " s; stderr:\n" + Files.readString(err));
            }
            return new ToolRun(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Throws with the tool's stderr unless it exited 0. */
    ToolRun requireSuccess() {
        if (exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode
                    + "; stderr:\n" + stderr.strip());
        }
        return this;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover empty temp file is not worth failing a test for.
            }
        }
    }
}
