package io.lifeboat.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as lifeboat's settings and options are written, one parser for the service and the
 * CLI: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} (also {@code ns}), a sign
 * allowed, or ISO-8601 ({@code PT30S}). Exactly the forms Micronaut binds to the same value, so
 * a value the service's check accepts can never silently become a default when bound.
 */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(-?\\d{1,12})(ns|ms|s|m|h|d)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    public static Duration parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(n);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a duration (e.g. 500ms, 30s, 5m, 1h, 1d or PT30S)");
        }
    }
}
