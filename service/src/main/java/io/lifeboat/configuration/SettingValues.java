package io.lifeboat.configuration;

import io.lifeboat.settings.DurationText;
import io.micronaut.scheduling.cron.CronExpression;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsers for setting values, one per kind of value. Each accepts exactly the forms
 * Micronaut's own converters bind to the same value (checked by a test that binds them), and
 * refuses the rest: Micronaut itself falls back to the default for a value it cannot convert
 * ({@code part-size=banana} would silently upload 16 MB parts), which a backup tool must not do.
 * Messages say what was expected; {@link SettingsCheck} adds the key and the value.
 */
final class SettingValues {

    /** Micronaut's @ReadableBytes forms: plain bytes, or KB/MB/GB (binary: 1MB = 1024 KB). */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    private SettingValues() {
    }

    static Duration duration(String text) {
        return DurationText.parse(text);
    }

    static Duration positiveDuration(String text) {
        Duration d = duration(text);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be a positive duration (e.g. 30s, 5m, 1h)");
        }
        return d;
    }

    static Duration nonNegativeDuration(String text) {
        Duration d = duration(text);
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative (0s switches it off where that is allowed)");
        }
        return d;
    }

    static long size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a size (e.g. 16MB; binary units KB, MB, GB, or plain bytes)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "KB" -> n << 10;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            default -> n;
        };
    }

    static int integer(String text, int min, int max) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a whole number (expected " + min + ".." + max + ")");
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw new IllegalArgumentException("must be " + min + ".." + max);
        }
        return n;
    }

    /** Only {@code true} or {@code false}: Micronaut reads any other word as false. */
    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static String oneOf(String text, List<String> choices) {
        String t = text.toLowerCase(Locale.ROOT);
        if (!choices.contains(t)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
        }
        return t;
    }

    /** Largest value of each of the six cron fields: seconds, minutes, hours, day of month, month, day of week. */
    private static final int[] CRON_FIELD_MAX = {59, 59, 23, 31, 12, 7};
    private static final Pattern CRON_STEP = Pattern.compile("/(\\d+)");

    /**
     * Six fields, as lifeboat documents it. Micronaut also takes five (then the first is the
     * minute, not the second) and steps beyond a field's range ({@code *}{@code /99} seconds
     * fires once a minute): both are refused, because either would run on another schedule
     * than the one the operator wrote.
     */
    static CronExpression cron(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("must have six fields (seconds minutes hours day-of-month month"
                    + " day-of-week, e.g. '0 */15 * * * *'), has " + fields.length);
        }
        for (int i = 0; i < fields.length; i++) {
            Matcher step = CRON_STEP.matcher(fields[i]);
            while (step.find()) {
                long n = Long.parseLong(step.group(1).length() > 9 ? "999999999" : step.group(1));
                if (n < 1 || n > CRON_FIELD_MAX[i]) {
                    throw new IllegalArgumentException("step /" + step.group(1) + " in field " + (i + 1) + " ('"
                            + fields[i] + "') is outside 1.." + CRON_FIELD_MAX[i]);
                }
            }
        }
        try {
            return CronExpression.create(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a cron expression (six fields: seconds minutes hours"
                    + " day-of-month month day-of-week, e.g. '0 */15 * * * *'): " + e.getMessage());
        }
    }

    /** A zone id as {@link ZoneId#of} reads it: a region ({@code Europe/Berlin}), {@code UTC}, or an offset ({@code +01:00}). */
    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("is not a time zone (e.g. UTC, Europe/Berlin, +01:00): " + e.getMessage());
        }
    }

    static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return text;
    }
}
