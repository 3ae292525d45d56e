package io.lifeboat.cli;

import java.util.Locale;

/** Byte counts for people. */
final class Sizes {

    private Sizes() {
    }

    /** Binary units, one decimal: {@code 512 B}, {@code 3.2 MiB}, {@code 1.0 GiB}. */
    static String binary(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * Decimal units as etcdctl prints them (go-humanize {@code Bytes}): {@code 20 kB}, {@code 2.1 MB};
     * one decimal below 10, none above.
     */
    static String etcdStyle(long bytes) {
        if (bytes < 10) {
            return bytes + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double exponent = Math.floor(Math.log(bytes) / Math.log(1000));
        double value = Math.floor(bytes / Math.pow(1000, exponent) * 10 + 0.5) / 10;
        String unit = units[(int) exponent];
        // Go's %.0f rounds half to even: 20.5 kB prints as 20 kB.
        return value < 10 ? String.format(Locale.ROOT, "%.1f %s", value, unit) : (long) Math.rint(value) + " " + unit;
    }
}
