package io.lifeboat.snapshot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one snapshot: UTC start time to the second and the etcd revision it holds,
 * e.g. {@code 20261121T231500Z-r1234567}.
 *
 * <p>Why this shape: it sorts by time as plain text (S3 lists keys in UTF-8 order), a person
 * reads both the time and the revision at a glance, and together they are unique for one
 * cluster because one writer takes one snapshot at a time.
 */
public record SnapshotId(Instant time, long revision) implements Comparable<SnapshotId> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                    .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern FORMAT = Pattern.compile("(\\d{8}T\\d{6}Z)-r(0|[1-9]\\d{0,18})");

    public SnapshotId {
        Objects.requireNonNull(time, "time");
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, was " + revision);
        }
        time = time.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Parses the text form strictly.
     *
     * @throws IllegalArgumentException naming the expected shape when {@code text} is not one
     */
    public static SnapshotId parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot id: '" + text
                    + "' (expected e.g. 20261121T231500Z-r1234567)");
        }
        try {
            return new SnapshotId(Instant.from(TIME.parse(m.group(1))), Long.parseLong(m.group(2)));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a snapshot id: '" + text
                    + "' (expected e.g. 20261121T231500Z-r1234567): " + e.getMessage(), e);
        }
    }

    /** The UTC timestamp part, {@code 20261121T231500Z}. */
    public static String timeText(Instant time) {
        return TIME.format(time);
    }

    @Override
    public int compareTo(SnapshotId other) {
        int byTime = time.compareTo(other.time);
        return byTime != 0 ? byTime : Long.compare(revision, other.revision);
    }

    @Override
    public String toString() {
        return timeText(time) + "-r" + revision;
    }
}
