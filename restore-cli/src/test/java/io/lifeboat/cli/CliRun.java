package io.lifeboat.cli;

import io.lifeboat.testing.S3Bucket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One {@code lifeboat} command line run in this JVM, as an operator would type it. */
record CliRun(int exitCode, String out, String err) {

    static CliRun lifeboat(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Lifeboat.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The service's environment variables, pointing at the test's S3Mock bucket. */
    static Map<String, String> env(S3Bucket bucket, String cluster) {
        return Map.of("LIFEBOAT_S3_BUCKET", bucket.name(),
                "LIFEBOAT_S3_ENDPOINT", bucket.endpoint().toString(),
                "LIFEBOAT_S3_PATH_STYLE", "true",
                "LIFEBOAT_CLUSTER", cluster);
    }

    /** Entries of {@code dir} whose names say a restore staged or moved something there. */
    static List<String> lifeboatLeftovers(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.contains(".lifeboat-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
