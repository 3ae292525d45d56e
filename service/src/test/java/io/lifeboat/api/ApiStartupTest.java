package io.lifeboat.api;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A bad {@code lifeboat.api} setting stops the real service entry point with exit code 2 and a
 * message naming the key, before it listens. Runs {@code Application} in a child JVM, because
 * exiting is the behaviour under test.
 */
class ApiStartupTest {

    @TempDir
    Path dir;

    @Test
    void service_unknownReadAccess_exits2NamingKeyAndValue() throws Exception {
        Result result = service("-Dlifeboat.api.read-access=public");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("lifeboat.api.read-access").contains("'public'");
    }

    @Test
    void service_shortToken_exits2NamingTheKeyButNotTheToken() throws Exception {
        Result result = service("-Dlifeboat.api.token=tiny-secret");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("lifeboat.api.token").doesNotContain("tiny-secret");
    }

    @Test
    void service_tokenFileFromEnvironment_isReadAsTheTokenFileNotAsASecondToken() throws Exception {
        // LIFEBOAT_API_TOKEN_FILE also maps to lifeboat.api.token.file: it must not count as lifeboat.api.token.
        Path file = Files.writeString(dir.resolve("token"), "tiny-secret\n", StandardCharsets.UTF_8);

        Result result = service(Map.of("LIFEBOAT_API_TOKEN_FILE", file.toString()), "-Dlifeboat.api.read-access=token");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("lifeboat.api.token-file must be at least 16")
                .doesNotContain("not both").doesNotContain("tiny-secret");
    }

    private record Result(int exitCode, String output) {
    }

    private Result service(String setting) throws IOException, InterruptedException {
        return service(Map.of(), setting);
    }

    private Result service(Map<String, String> environment, String setting) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlifeboat.s3.bucket=unit-test", "-Dlifeboat.s3.sweep-on-start=false",
                "-Dlifeboat.schedule.enabled=false", "-Dmicronaut.server.port=-1",
                "-Daws.accessKeyId=unit-test", "-Daws.secretAccessKey=unit-test"));
        command.add(setting);
        command.add("io.lifeboat.Application");
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            // Started despite the bad setting: that is the failure; do not leave it running.
            process.destroyForcibly().waitFor();
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
