package io.lifeboat.restore;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a restore does about tmpfs, for nodes that run etcd from RAM: nothing ({@link Off}),
 * refuse a data dir that is not on tmpfs ({@link Require}), or mount a tmpfs of a given size
 * on the data dir first ({@link Mount}, needs root).
 */
public sealed interface TmpfsMode {

    Pattern SIZE = Pattern.compile("(\\d{1,12})([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    /** {@code off}, {@code require} or {@code mount=SIZE} (SIZE like 512m, 2g, 2GiB). */
    static TmpfsMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off")) {
            return new Off();
        }
        if (t.equals("require")) {
            return new Require();
        }
        if (t.startsWith("mount=")) {
            Matcher m = SIZE.matcher(t.substring("mount=".length()));
            if (m.matches()) {
                int shift = switch (m.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    case "t" -> 40;
                    default -> 0;
                };
                long bytes = Long.parseLong(m.group(1)) << shift;
                if (bytes >= 1L << 20) {
                    return new Mount(bytes);
                }
            }
        }
        throw new IllegalArgumentException("--tmpfs must be off, require or mount=SIZE with SIZE at least 1m"
                + " (e.g. mount=2g), was '" + text + "'");
    }

    record Off() implements TmpfsMode {
    }

    record Require() implements TmpfsMode {
    }

    /** @param sizeBytes the tmpfs size limit (tmpfs takes RAM only as files fill it) */
    record Mount(long sizeBytes) implements TmpfsMode {
    }
}
