package io.lifeboat.configuration;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.retention.RetentionConfig;
import io.lifeboat.store.ChecksumMode;
import io.lifeboat.store.EndpointUrl;
import io.lifeboat.store.UploadSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every {@code lifeboat.*} setting, checked strictly at start-up before any bean uses it:
 * the one table of what each key accepts. A value that does not parse, or is out of range,
 * stops start-up (exit 2) with one line per bad key naming the key and the value; nothing
 * falls back to a default. Ranges that involve several keys stay with the code that uses
 * them (e.g. the etcd TLS files in EtcdChannels).
 *
 * <p>A {@link Context} bean, so it runs first in every ApplicationContext (service, {@code --once},
 * tests), before the scheduler reads the cron and before any client is built.
 */
@Context
public final class SettingsCheck {

    /** One key and what its value must be. */
    record Setting(String key, boolean required, Consumer<String> check) {
    }

    static final List<Setting> SETTINGS = List.of(
            setting("lifeboat.cluster", v -> new BucketLayout("", v)),
            setting("lifeboat.max-snapshot-age", SettingValues::positiveDuration),
            setting("lifeboat.backup-deadline", SettingValues::positiveDuration),
            setting("lifeboat.newest-check-interval", SettingValues::nonNegativeDuration),
            setting("lifeboat.schedule.enabled", SettingValues::bool),
            setting("lifeboat.schedule.cron", SettingValues::cron),
            setting("lifeboat.etcd.endpoints", SettingsCheck::etcdEndpoints),
            setting("lifeboat.etcd.cacert", SettingValues::nonBlank),
            setting("lifeboat.etcd.cert", SettingValues::nonBlank),
            setting("lifeboat.etcd.key", SettingValues::nonBlank),
            setting("lifeboat.etcd.connect-timeout", SettingValues::positiveDuration),
            setting("lifeboat.etcd.snapshot-idle-timeout", SettingValues::positiveDuration),
            new Setting("lifeboat.s3.bucket", true, SettingsCheck::bucketName),
            setting("lifeboat.s3.prefix", v -> new BucketLayout(v, "x")),
            setting("lifeboat.s3.endpoint", v -> EndpointUrl.parse("lifeboat.s3.endpoint", v, false)),
            setting("lifeboat.s3.region", SettingsCheck::region),
            setting("lifeboat.s3.path-style", SettingValues::bool),
            setting("lifeboat.s3.checksum", ChecksumMode::parse),
            setting("lifeboat.s3.part-size", SettingsCheck::partSize),
            setting("lifeboat.s3.max-in-flight-parts", v -> SettingValues.integer(v, 1, 64)),
            setting("lifeboat.s3.part-retries", v -> SettingValues.integer(v, 0, 20)),
            setting("lifeboat.s3.retry-backoff", SettingValues::nonNegativeDuration),
            setting("lifeboat.s3.api-call-timeout", SettingValues::positiveDuration),
            setting("lifeboat.s3.part-timeout", SettingValues::positiveDuration),
            setting("lifeboat.s3.abandoned-upload-age", SettingValues::nonNegativeDuration),
            setting("lifeboat.s3.sweep-on-start", SettingValues::bool),
            setting("lifeboat.s3.orphan-age", SettingValues::positiveDuration),
            setting("lifeboat.s3.storage-class", UploadSettings::storageClass),
            setting("lifeboat.zstd.level", v -> SettingValues.integer(v, 1, 19)),
            setting("lifeboat.zstd.workers", v -> SettingValues.integer(v, 0, 64)),
            setting("lifeboat.retention.enabled", SettingValues::bool),
            setting("lifeboat.retention.dry-run", SettingValues::bool),
            setting("lifeboat.retention.keep-last", SettingsCheck::keep),
            setting("lifeboat.retention.keep-hourly", SettingsCheck::keep),
            setting("lifeboat.retention.keep-daily", SettingsCheck::keep),
            setting("lifeboat.retention.keep-weekly", SettingsCheck::keep),
            setting("lifeboat.retention.keep-monthly", SettingsCheck::keep),
            setting("lifeboat.retention.keep-yearly", SettingsCheck::keep),
            setting("lifeboat.retention.zone", SettingValues::zone),
            setting("lifeboat.retention.cron", SettingValues::cron),
            setting("lifeboat.lock.enabled", SettingValues::bool),
            setting("lifeboat.lock.ttl", SettingValues::positiveDuration),
            setting("lifeboat.lock.leader-head-start", SettingValues::nonNegativeDuration),
            setting("lifeboat.lock.wait", SettingValues::nonNegativeDuration),
            setting("lifeboat.shutdown.grace-period", SettingValues::positiveDuration),
            setting("lifeboat.shutdown.final-snapshot", SettingValues::bool),
            // Empty means unset for the token settings (an empty Secret key); ApiConfig checks the rest
            // and never prints the token: nothing here may refuse (and so echo) a token's value.
            setting("lifeboat.api.token-file", v -> { }),
            setting("lifeboat.api.token", v -> { }),
            setting("lifeboat.api.read-access", v -> SettingValues.oneOf(v, List.of("token", "open"))),
            setting("lifeboat.api.health-access", v -> SettingValues.oneOf(v, List.of("token", "open"))),
            setting("lifeboat.api.metrics-access", v -> SettingValues.oneOf(v, List.of("token", "open"))),
            setting("lifeboat.api.trigger-min-interval", SettingValues::nonNegativeDuration),
            setting("micronaut.server.port", v -> SettingValues.integer(v, -1, 65535)));

    public SettingsCheck(PropertyResolver properties) {
        verify(properties);
    }

    /** @throws IllegalArgumentException listing every bad key with its value and what it must be */
    public static void verify(PropertyResolver properties) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            Optional<String> value = raw(properties, setting.key());
            if (value.isEmpty()) {
                if (setting.required()) {
                    problems.add(setting.key() + " is required (env " + envName(setting.key()) + ")");
                }
                continue;
            }
            try {
                setting.check().accept(value.get());
            } catch (IllegalArgumentException e) {
                problems.add(describe(setting.key(), value.get(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** {@code lifeboat.s3.part-size} → {@code LIFEBOAT_S3_PART_SIZE}. */
    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String describe(String key, String value, String problem) {
        // Messages that already name the key (from core's validators) are kept as they are.
        String detail = problem.startsWith(key) ? problem.substring(key.length()).replaceFirst("^[: ]+", "") : problem;
        return key + " = '" + value + "' (env " + envName(key) + "): " + detail;
    }

    private static Optional<String> raw(PropertyResolver properties, String key) {
        if (!properties.containsProperty(key)) {
            return Optional.empty();
        }
        Optional<String> text = properties.getProperty(key, String.class);
        if (text.isPresent()) {
            return text;
        }
        // A YAML list (etcd endpoints written as a sequence) reads back as a list only.
        return properties.getProperty(key, List.class).map(list -> String.join(",", list));
    }

    private static Setting setting(String key, Consumer<String> check) {
        return new Setting(key, false, check);
    }

    private static void etcdEndpoints(String text) {
        List<String> endpoints = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (endpoints.stream().allMatch(String::isEmpty)) {
            throw new IllegalArgumentException("must list at least one URL, e.g. https://127.0.0.1:2379");
        }
        for (String endpoint : endpoints) {
            EndpointUrl.parse("lifeboat.etcd.endpoints", endpoint, true);
        }
    }

    private static void bucketName(String text) {
        if (text.isBlank() || !text.strip().equals(text) || text.contains("/") || text.contains(" ")) {
            throw new IllegalArgumentException("must be a bucket name: no spaces, no '/'");
        }
    }

    private static void region(String text) {
        if (!text.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("must be a region name like us-east-1");
        }
    }

    private static void keep(String text) {
        SettingValues.integer(text, 0, RetentionConfig.MAX_KEEP);
    }

    private static void partSize(String text) {
        long bytes = SettingValues.size(text);
        if (bytes < UploadSettings.MIN_PART_SIZE_BYTES || bytes > UploadSettings.MAX_PART_SIZE_BYTES) {
            throw new IllegalArgumentException("must be between 5MB and 512MB (S3's minimum part is 5 MiB)");
        }
    }
}
