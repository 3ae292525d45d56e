package io.lifeboat.cli;

import io.lifeboat.settings.DurationText;
import java.time.Duration;
import java.util.Locale;

/** Durations on the command line, written as the service's settings are ({@link DurationText}), and for people. */
final class Durations {

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the value and the accepted forms */
    static Duration parse(String text) {
        try {
            return DurationText.parse(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' " + e.getMessage(), e);
        }
    }

    /** For people, the two largest units: {@code 45s}, {@code 12m30s}, {@code 3h05m}, {@code 2d04h}. */
    static String text(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }
}
