package io.lifeboat.catalog;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where things live in the bucket, for one cluster:
 *
 * <pre>
 * &lt;prefix&gt;/&lt;cluster&gt;/snapshots/YYYY/MM/DD/&lt;UTC time&gt;-&lt;upload tag&gt;.db.zst   snapshot objects
 * &lt;prefix&gt;/&lt;cluster&gt;/manifests/&lt;snapshot id&gt;.json                          one manifest each
 * </pre>
 *
 * <p>Why: snapshot objects are browsable by date in any S3 console or {@code aws s3 ls}; the
 * manifests sit in one flat folder so one listing is the whole catalog, sorted by time
 * because ids start with the UTC time.
 *
 * <p>The object key cannot carry the revision, unlike DESIGN.md's first sketch: a
 * multipart upload needs its key before the first part, and the revision is only known
 * once the last page of the stream has passed (it is read from the bytes, never from a
 * side call). S3 has no rename, and a server-side copy would double the write. So the
 * object is named by start time plus a random upload tag (two writers in the same second
 * can never overwrite each other), and the manifest, written last, carries the id with the
 * revision and points at the object.
 */
public final class BucketLayout {

    private static final DateTimeFormatter DAY_FOLDER =
            DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");
    private static final String MANIFEST_SUFFIX = ".json";
    private static final Pattern SNAPSHOT_NAME =
            Pattern.compile("\\d{4}/\\d{2}/\\d{2}/(\\d{8}T\\d{6}Z)-[a-z0-9]{4,16}\\.db\\.zst");

    private final String cluster;
    private final String root;

    /**
     * @param prefix folder inside the bucket, may be empty; no leading or trailing slash needed
     * @param cluster cluster name: lowercase letters, digits, '.', '_' and '-'
     */
    public BucketLayout(String prefix, String cluster) {
        if (cluster == null || !NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("cluster name '" + cluster
                    + "' must be 1-63 lowercase letters, digits, '.', '_' or '-'");
        }
        String trimmed = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (trimmed.contains("//")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' must not contain '//'");
        }
        this.cluster = cluster;
        this.root = (trimmed.isEmpty() ? "" : trimmed + "/") + cluster + "/";
    }

    public String cluster() {
        return cluster;
    }

    /** {@code <prefix>/<cluster>/}, ending in a slash. */
    public String clusterRoot() {
        return root;
    }

    public String snapshotsPrefix() {
        return root + "snapshots/";
    }

    public String manifestsPrefix() {
        return root + "manifests/";
    }

    /** The key of a new snapshot object started at {@code time}. */
    public String snapshotKey(Instant time, String uploadTag) {
        if (!uploadTag.matches("[a-z0-9]{4,16}")) {
            throw new IllegalArgumentException("upload tag must be 4-16 lowercase letters or digits");
        }
        return snapshotsPrefix() + DAY_FOLDER.format(time) + "/" + SnapshotId.timeText(time) + "-" + uploadTag
                + ".db.zst";
    }

    public String manifestKey(SnapshotId id) {
        return manifestsPrefix() + id + MANIFEST_SUFFIX;
    }

    /** The snapshot id a manifest key names, or empty if the key is not a manifest key. */
    public Optional<SnapshotId> idOfManifestKey(String key) {
        if (!key.startsWith(manifestsPrefix()) || !key.endsWith(MANIFEST_SUFFIX)) {
            return Optional.empty();
        }
        String name = key.substring(manifestsPrefix().length(), key.length() - MANIFEST_SUFFIX.length());
        try {
            return Optional.of(SnapshotId.parse(name));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * The start time a snapshot object key carries (the time its upload began, which is also
     * the time in the id of the manifest that commits it), or empty if the key is not shaped
     * like a snapshot key of this layout.
     */
    public Optional<Instant> startOfSnapshotKey(String key) {
        if (!key.startsWith(snapshotsPrefix())) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = SNAPSHOT_NAME.matcher(key.substring(snapshotsPrefix().length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotId.parse(m.group(1) + "-r0").time());
        } catch (IllegalArgumentException notATime) {
            return Optional.empty();
        }
    }
}
