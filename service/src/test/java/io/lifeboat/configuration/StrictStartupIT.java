package io.lifeboat.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad settings as operators set them, in environment variables, stop the real service JVM
 * (and {@code --once}) with exit code 2 and one message naming the key and the value: no
 * stack trace, no fallback to a default, no request to any endpoint. Nothing here reaches a
 * network: start-up stops before any client is used.
 */
class StrictStartupIT {

    @TempDir
    Path dir;

    static Stream<Arguments> badEnvironments() {
        return Stream.of(
                Arguments.of("LIFEBOAT_S3_PART_SIZE", "banana", "lifeboat.s3.part-size = 'banana'"),
                Arguments.of("LIFEBOAT_ZSTD_LEVEL", "banana", "lifeboat.zstd.level = 'banana'"),
                Arguments.of("LIFEBOAT_MAX_SNAPSHOT_AGE", "banana", "lifeboat.max-snapshot-age = 'banana'"),
                Arguments.of("LIFEBOAT_MAX_SNAPSHOT_AGE", "-1h", "lifeboat.max-snapshot-age = '-1h'"),
                Arguments.of("LIFEBOAT_ETCD_CONNECT_TIMEOUT", "banana", "lifeboat.etcd.connect-timeout = 'banana'"),
                Arguments.of("LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:24900 ", "lifeboat.s3.endpoint"),
                Arguments.of("LIFEBOAT_S3_ENDPOINT", "ht!tp://:::nope", "lifeboat.s3.endpoint"),
                Arguments.of("LIFEBOAT_S3_ENDPOINT", "127.0.0.1:24900", "lifeboat.s3.endpoint"),
                Arguments.of("LIFEBOAT_S3_ENDPOINT", "s3://bucket", "lifeboat.s3.endpoint"),
                Arguments.of("LIFEBOAT_SCHEDULE_CRON", "banana", "lifeboat.schedule.cron = 'banana'"),
                Arguments.of("LIFEBOAT_CLUSTER", "Prod Cluster", "lifeboat.cluster = 'Prod Cluster'"));
    }

    @ParameterizedTest(name = "service: {0}=''{1}''")
    @MethodSource("badEnvironments")
    void service_badSettingInTheEnvironment_exits2NamingTheKeyWithoutStackTrace(String variable, String value,
                                                                               String expected) throws Exception {
        assertRefused(ServiceProcess.start(Map.of("micronaut.server.port", "-1"), environment(variable, value), dir),
                expected);
    }

    @ParameterizedTest(name = "--once: {0}=''{1}''")
    @MethodSource("badEnvironments")
    void once_badSettingInTheEnvironment_exits2NamingTheKeyWithoutStackTrace(String variable, String value,
                                                                            String expected) throws Exception {
        assertRefused(ServiceProcess.start(Map.of(), environment(variable, value), dir, "--once"), expected);
    }

    private static Map<String, String> environment(String variable, String value) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("LIFEBOAT_S3_BUCKET", "lifeboat-strict",
                "LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:1", "LIFEBOAT_ETCD_ENDPOINTS", "http://127.0.0.1:1"));
        environment.put(variable, value);
        return environment;
    }

    private static void assertRefused(ServiceProcess process, String expected) throws InterruptedException {
        try (process) {
            int code = process.waitFor(Duration.ofSeconds(60));

            assertThat(code).as(process.stderr()).isEqualTo(2);
            assertThat(process.stderr()).contains("lifeboat: configuration error: ").contains(expected)
                    .doesNotContain("\tat ");
            assertThat(process.stdout()).isEmpty();
        }
    }
}
