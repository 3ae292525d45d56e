package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged tool as an operator runs it: the launcher script and the fat jar, as separate processes. */
@RealS3
class LauncherIT {

    private static final Path CLI_DIR = Path.of(System.getProperty("lifeboat.cli.dir", "target"));

    record Result(int exitCode, String out, String err, long millis) {
    }

    /**
     * What keeps {@code --help} fast, checked deterministically: the AWS SDK (the slow part of
     * start-up) is never loaded. The time itself is measured in load-tests, not asserted here
     * (a shared CI machine's wall clock says more about the neighbours than about lifeboat).
     */
    @Test
    void help_printsUsageAndExitCodesWithoutLoadingTheAwsSdk(@TempDir Path dir) throws Exception {
        Path classLog = dir.resolve("classes.log");
        Result help = launcher(Map.of("LIFEBOAT_JAVA_OPTS", "-Xlog:class+load:file=" + classLog), "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: lifeboat", "restore", "Exit codes:")
                .containsPattern("(?m)^\\s+4\\s+integrity failure");
        assertThat(Files.readString(classLog)).contains("picocli.CommandLine").doesNotContain("software.amazon");
    }

    @Test
    void list_viaLauncherScript_readsTheBucketFromEnvironmentVariables(S3Bucket bucket) throws Exception {
        Result run = launcher(Map.of("LIFEBOAT_S3_BUCKET", bucket.name(),
                "LIFEBOAT_S3_ENDPOINT", bucket.endpoint().toString(), "LIFEBOAT_S3_PATH_STYLE", "true",
                "LIFEBOAT_CLUSTER", "launcher", "AWS_ACCESS_KEY_ID", "lifeboat-test",
                "AWS_SECRET_ACCESS_KEY", "lifeboat-test"), "list", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("[ ]");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void version_viaJavaJar_printsTheVersion() throws Exception {
        Result run = exec(List.of("java", "-jar", CLI_DIR.resolve("lifeboat.jar").toString(), "--version"), Map.of());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("lifeboat 0.");
    }

    @Test
    void unknownOption_exitsWithUsageCode() throws Exception {
        Result run = launcher(Map.of(), "list", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'", "lifeboat list --help");
    }

    private static Result launcher(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CLI_DIR.resolve("lifeboat").toString()));
        command.addAll(List.of(args));
        return exec(command, env);
    }

    private static Result exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("LIFEBOAT_") || k.startsWith("AWS_"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8), millis);
    }
}
