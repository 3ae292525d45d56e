package io.lifeboat.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BucketLayoutTest {

    private static final SnapshotId ID = SnapshotId.parse("20261121T231500Z-r1234567");

    @ParameterizedTest
    @CsvSource(value = {
        "'',          prod/",
        "backups,     backups/prod/",
        "/backups/,   backups/prod/",
        "//backups//, backups/prod/",
        "a/b,         a/b/prod/",
        "/a/b/,       a/b/prod/"})
    void clusterRoot_joinsPrefixAndClusterWithSingleSlashes(String prefix, String root) {
        BucketLayout layout = new BucketLayout(prefix, "prod");

        assertThat(layout.clusterRoot()).isEqualTo(root);
        assertThat(layout.snapshotsPrefix()).isEqualTo(root + "snapshots/");
        assertThat(layout.manifestsPrefix()).isEqualTo(root + "manifests/");
    }

    @Test
    void clusterRoot_nullPrefix_isTheClusterFolder() {
        assertThat(new BucketLayout(null, "prod").clusterRoot()).isEqualTo("prod/");
    }

    @Test
    void construct_prefixWithEmptySegment_isRejected() {
        assertThatThrownBy(() -> new BucketLayout("a//b", "prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix 'a//b' must not contain '//'");
    }

    @Test
    void snapshotKey_isInUtcDateFoldersWithTimeAndUploadTag() {
        String key = new BucketLayout("backups", "prod").snapshotKey(Instant.parse("2026-11-21T23:15:00.412Z"), "k3x9q2m7");

        assertThat(key).isEqualTo("backups/prod/snapshots/2026/11/21/20261121T231500Z-k3x9q2m7.db.zst");
    }

    // The date folder must be the UTC day even where the local day has already turned.
    @Test
    void snapshotKey_justBeforeMidnightUtc_staysInTheUtcDayWhateverTheDefaultZone() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14: already Jan 1st there
        try {
            String key = new BucketLayout("", "prod").snapshotKey(Instant.parse("2026-12-31T23:59:59.999Z"), "abcd");

            assertThat(key).isEqualTo("prod/snapshots/2026/12/31/20261231T235959Z-abcd.db.zst");
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "ABCD", "abcd-", "abcdefghijklmnopq", "a/bcd"})
    void snapshotKey_malformedUploadTag_isRejected(String tag) {
        BucketLayout layout = new BucketLayout("", "prod");

        assertThatThrownBy(() -> layout.snapshotKey(Instant.EPOCH, tag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upload tag must be 4-16 lowercase letters or digits");
    }

    @Test
    void manifestKey_isTheIdUnderManifests() {
        assertThat(new BucketLayout("/backups/", "prod").manifestKey(ID))
                .isEqualTo("backups/prod/manifests/20261121T231500Z-r1234567.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "backups", "a/b"})
    void idOfManifestKey_ofManifestKey_givesTheIdBack(String prefix) {
        BucketLayout layout = new BucketLayout(prefix, "prod");

        assertThat(layout.idOfManifestKey(layout.manifestKey(ID))).contains(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "backups/other/manifests/20261121T231500Z-r1234567.json",         // another cluster
        "prod/manifests/20261121T231500Z-r1234567.json",                  // no prefix
        "backups/prod/snapshots/2026/11/21/20261121T231500Z-k3x9q2m7.db.zst",
        "backups/prod/manifests/20261121T231500Z-r1234567.json.tmp",
        "backups/prod/manifests/20261121T231500Z-r1234567",
        "backups/prod/manifests/old/20261121T231500Z-r1234567.json",      // nested folder
        "backups/prod/manifests/latest.json",
        "backups/prod/manifests/.json",
        "backups/prod/manifests/"})
    void idOfManifestKey_foreignKey_isEmpty(String key) {
        assertThat(new BucketLayout("backups", "prod").idOfManifestKey(key)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Prod", "-prod", "prod-", ".prod", "pr od", "pr/od", "prød",
        "a234567890123456789012345678901234567890123456789012345678901234"}) // 64 characters
    void construct_invalidClusterName_isRejectedQuotingTheNameAndTheRule(String cluster) {
        assertThatThrownBy(() -> new BucketLayout("backups", cluster))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster name '" + cluster + "'")
                .hasMessageContaining("1-63 lowercase letters, digits, '.', '_' or '-'");
    }

    @Test
    void construct_nullClusterName_isRejected() {
        assertThatThrownBy(() -> new BucketLayout("backups", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster name 'null'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p", "prod", "kube.prod_eu-1",
        "a23456789012345678901234567890123456789012345678901234567890123"}) // 63 characters
    void construct_validClusterName_isAccepted(String cluster) {
        assertThat(new BucketLayout("", cluster).clusterRoot()).isEqualTo(cluster + "/");
    }

    @Test
    void startOfSnapshotKey_isTheStartTimeItsKeyWasMadeFrom() {
        BucketLayout layout = new BucketLayout("backups", "prod");
        String key = layout.snapshotKey(Instant.parse("2026-11-21T23:15:00.412Z"), "k3x9q2m7");

        assertThat(layout.startOfSnapshotKey(key)).contains(Instant.parse("2026-11-21T23:15:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"backups/prod/snapshots/notes.txt", "backups/prod/snapshots/tampered/1.db.zst",
        "backups/prod/snapshots/2026/11/21/20261121T231500Z-k3x9q2m7.db", "backups/prod-eu/snapshots/2026/11/21/"
            + "20261121T231500Z-k3x9q2m7.db.zst", "backups/prod/snapshots/2026/11/21/20261321T231500Z-k3x9q2m7.db.zst"})
    void startOfSnapshotKey_keyNotShapedLikeOurs_isEmpty(String key) {
        assertThat(new BucketLayout("backups", "prod").startOfSnapshotKey(key)).isEmpty();
    }
}
