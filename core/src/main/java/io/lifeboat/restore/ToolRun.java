package io.lifeboat.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an external command to completion (etcd's restore tool, mount), its output
 * going to a log file in the staging area so a failure can quote its end. stdin is
 * /dev/null: a tool never waits for a person.
 *
 * @param exitCode the command's exit code
 * @param output the last lines of its stdout and stderr
 */
record ToolRun(int exitCode, String output) {

    private static final int TAIL_LINES = 15;

    static ToolRun run(List<String> command, Map<String, String> environment, Path log, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new EtcdToolException(command.get(0) + " did not finish within " + timeout.toSeconds()
                            + " s; its last output:\n" + tail(log));
                }
            } finally {
                process.destroyForcibly();
            }
            return new ToolRun(process.exitValue(), tail(log));
        } catch (IOException e) {
            throw new EtcdToolException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdToolException("interrupted while running " + command.get(0), e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
