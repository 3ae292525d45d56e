package io.lifeboat.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.backup.BackupConfig;
import io.lifeboat.store.S3Config;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.value.MapPropertyResolver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table of every lifeboat.* key: a bad value of each kind is refused naming the key and the value. */
class SettingsCheckTest {

    /** For every key in the table, values it must refuse. */
    static Stream<Arguments> badValues() {
        Map<String, List<String>> bad = new HashMap<>();
        for (SettingsCheck.Setting setting : SettingsCheck.SETTINGS) {
            bad.put(setting.key(), badValuesFor(setting.key()));
        }
        return bad.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(value -> Arguments.of(e.getKey(), value)));
    }

    private static List<String> badValuesFor(String key) {
        if (key.endsWith("timeout") || key.endsWith("age") || key.endsWith("deadline") || key.endsWith("ttl")
                || key.endsWith("grace-period") || key.endsWith("backoff") || key.endsWith("head-start")
                || key.endsWith(".wait") || key.endsWith("interval")) {
            return key.endsWith("age") && !key.equals("lifeboat.max-snapshot-age")
                    || key.endsWith("backoff") || key.endsWith("head-start") || key.endsWith(".wait")
                    || key.endsWith("interval")
                    ? List.of("banana", "-1h", "10 s", "")
                    : List.of("banana", "-1h", "0s", "10 s", "");
        }
        return switch (key) {
            case "lifeboat.cluster" -> List.of("Prod Cluster", "", "a/b");
            case "lifeboat.schedule.enabled", "lifeboat.s3.path-style", "lifeboat.s3.sweep-on-start",
                    "lifeboat.lock.enabled", "lifeboat.shutdown.final-snapshot", "lifeboat.retention.enabled",
                    "lifeboat.retention.dry-run" -> List.of("banana", "yes", "");
            case "lifeboat.schedule.cron", "lifeboat.retention.cron" -> List.of("banana", "0 */15 * * *", "*/99 * * * * *");
            case "lifeboat.retention.keep-last", "lifeboat.retention.keep-hourly", "lifeboat.retention.keep-daily",
                    "lifeboat.retention.keep-weekly", "lifeboat.retention.keep-monthly", "lifeboat.retention.keep-yearly" ->
                    List.of("banana", "-1", "100001", "1.5", "");
            case "lifeboat.retention.zone" -> List.of("Mars/Olympus", "CEST+", "");
            case "lifeboat.s3.storage-class" -> List.of("glacier-ish", "COLD", "");
            case "lifeboat.etcd.endpoints" -> List.of("127.0.0.1:2379", "http://127.0.0.1", "s3://x:1",
                    "http://127.0.0.1:2379,", "");
            case "lifeboat.s3.bucket" -> List.of("", " b", "a/b");
            case "lifeboat.s3.prefix" -> List.of("a//b");
            case "lifeboat.s3.endpoint" -> List.of("ht!tp://:::nope", "127.0.0.1:24900", "http://127.0.0.1:24900 ",
                    "s3://bucket", "", "http://h:1/path");
            case "lifeboat.s3.region" -> List.of("", "US EAST");
            case "lifeboat.s3.checksum" -> List.of("md5", "");
            case "lifeboat.s3.part-size" -> List.of("banana", "1MB", "1GB", "16 MB", "-5MB", "");
            case "lifeboat.s3.max-in-flight-parts" -> List.of("banana", "0", "65", "1.5", "");
            case "lifeboat.s3.part-retries" -> List.of("banana", "-1", "21", "");
            case "lifeboat.zstd.level" -> List.of("banana", "0", "20", "");
            case "lifeboat.zstd.workers" -> List.of("banana", "-1", "65", "");
            case "lifeboat.api.read-access", "lifeboat.api.health-access", "lifeboat.api.metrics-access" ->
                    List.of("banana", "");
            case "micronaut.server.port" -> List.of("banana", "70000", "");
            // ApiConfigTest covers these: ApiConfig checks length and that only one is set.
            case "lifeboat.api.token", "lifeboat.api.token-file" -> List.of();
            default -> List.of("");
        };
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("badValues")
    void verify_badValue_isRefusedNamingKeyAndValue(String key, String value) {
        Map<String, Object> properties = new HashMap<>(valid());
        properties.put(key, value);

        assertThatThrownBy(() -> SettingsCheck.verify(new MapPropertyResolver(properties)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key + " = '" + value + "'")
                .hasMessageContaining(SettingsCheck.envName(key));
    }

    @Test
    void verify_everyKeyOfTheTableHasBadValuesInThisTest() {
        assertThat(SettingsCheck.SETTINGS.stream().filter(s -> badValuesFor(s.key()).size() < 2)
                .map(SettingsCheck.Setting::key).filter(k -> !k.startsWith("lifeboat.etcd.c") && !k.equals(
                        "lifeboat.etcd.key") && !k.startsWith("lifeboat.api.token") && !k.equals("lifeboat.s3.prefix")))
                .as("keys with only the empty value as a bad case").isEmpty();
    }

    @Test
    void verify_defaultsAndUsualValues_pass() {
        assertThatCode(() -> SettingsCheck.verify(new MapPropertyResolver(valid()))).doesNotThrowAnyException();
    }

    @Test
    void verify_missingBucket_namesTheKeyAndItsVariable() {
        Map<String, Object> properties = new HashMap<>(valid());
        properties.remove("lifeboat.s3.bucket");

        assertThatThrownBy(() -> SettingsCheck.verify(new MapPropertyResolver(properties)))
                .hasMessageContaining("lifeboat.s3.bucket is required (env LIFEBOAT_S3_BUCKET)");
    }

    @Test
    void verify_severalBadKeys_reportsEveryOne() {
        Map<String, Object> properties = new HashMap<>(valid());
        properties.put("lifeboat.zstd.level", "banana");
        properties.put("lifeboat.max-snapshot-age", "-1h");

        assertThatThrownBy(() -> SettingsCheck.verify(new MapPropertyResolver(properties)))
                .hasMessageContaining("lifeboat.zstd.level").hasMessageContaining("lifeboat.max-snapshot-age");
    }

    /** What the check accepts, Micronaut binds to the same value: nothing it passes can fall back to a default. */
    @Test
    void acceptedDurationsAndSizes_bindInMicronautToTheValueTheCheckParsed() {
        List<String> durations = List.of("500ms", "30s", "5m", "2h", "1d", "PT90S", "250000000ns");
        List<String> sizes = List.of("5MB", "16mb", "5242880", "8192KB");
        for (String d : durations) {
            try (ApplicationContext context = ApplicationContext.run(PropertySource.of(
                    Map.of("lifeboat.max-snapshot-age", d, "lifeboat.s3.api-call-timeout", d, "lifeboat.s3.bucket", "b",
                    "lifeboat.s3.sweep-on-start", "false", "lifeboat.schedule.enabled", "false",
                    "lifeboat.s3.endpoint", "http://127.0.0.1:1")))) {
                Duration expected = SettingValues.duration(d);
                assertThat(context.getBean(BackupConfig.class).maxSnapshotAge()).as(d).isEqualTo(expected);
                assertThat(context.getBean(S3Config.class).apiCallTimeout()).as(d).isEqualTo(expected);
            }
        }
        for (String size : sizes) {
            try (ApplicationContext context = ApplicationContext.run(PropertySource.of(
                    Map.of("lifeboat.s3.part-size", size, "lifeboat.s3.bucket", "b",
                    "lifeboat.s3.sweep-on-start", "false", "lifeboat.schedule.enabled", "false",
                    "lifeboat.s3.endpoint", "http://127.0.0.1:1")))) {
                assertThat(context.getBean(S3Config.class).partSize()).as(size).isEqualTo(SettingValues.size(size));
            }
        }
    }

    @Test
    void retentionDefaults_areThePolicyDefaults() {
        try (ApplicationContext context = ApplicationContext.run(PropertySource.of(Map.of("lifeboat.s3.bucket", "b",
                "lifeboat.s3.sweep-on-start", "false", "lifeboat.schedule.enabled", "false",
                "lifeboat.s3.endpoint", "http://127.0.0.1:1")))) {
            io.lifeboat.retention.RetentionConfig retention = context.getBean(io.lifeboat.retention.RetentionConfig.class);
            assertThat(retention.policy()).isEqualTo(io.lifeboat.retention.RetentionPolicy.DEFAULT.withZone(java.time.ZoneId.of("UTC")));
            assertThat(retention.enabled()).isTrue();
            assertThat(retention.dryRun()).isFalse();
            assertThat(retention.cron()).isEqualTo("0 7 * * * *");
            assertThat(context.getBean(io.lifeboat.store.UploadSettings.class).storageClass())
                    .isEqualTo(software.amazon.awssdk.services.s3.model.StorageClass.STANDARD);
        }
    }

    private static Map<String, Object> valid() {
        return Stream.of(new String[][] {
            {"lifeboat.s3.bucket", "backups"}, {"lifeboat.cluster", "prod-1"}, {"lifeboat.s3.endpoint", "http://127.0.0.1:9000"},
            {"lifeboat.etcd.endpoints", "https://10.0.0.1:2379, https://10.0.0.2:2379"}, {"lifeboat.s3.part-size", "16MB"},
            {"lifeboat.schedule.cron", "0 */15 * * * *"}, {"lifeboat.max-snapshot-age", "1h"},
            {"lifeboat.s3.abandoned-upload-age", "0s"}, {"lifeboat.zstd.level", "3"}, {"lifeboat.s3.checksum", "off"},
            {"lifeboat.retention.keep-daily", "0"}, {"lifeboat.retention.zone", "Europe/Berlin"},
            {"lifeboat.retention.cron", "0 7 * * * *"}, {"lifeboat.s3.storage-class", "standard_ia"},
        }).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }
}
