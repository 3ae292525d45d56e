package io.lifeboat.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

    private Result service(String setting) throws InterruptedException {
        return service(Map.of(), setting);
    }

    private Result service(Map<String, String> environment, String setting) throws InterruptedException {
        String[] keyValue = setting.substring(2).split("=", 2);
        Map<String, Object> properties = new java.util.HashMap<>(Map.of("lifeboat.s3.bucket", "unit-test",
                "lifeboat.s3.sweep-on-start", "false", "lifeboat.schedule.enabled", "false",
                "micronaut.server.port", "-1", "lifeboat.s3.endpoint", "http://127.0.0.1:1"));
        properties.put(keyValue[0], keyValue[1]);
        // Started despite the bad setting would be the failure: waitFor kills it after the timeout.
        try (ServiceProcess process = ServiceProcess.start(properties, environment, dir)) {
            int code = process.waitFor(Duration.ofSeconds(60));
            return new Result(code, process.stdout() + process.stderr());
        }
    }
}
