package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A bucket where the newest manifests are damaged (not JSON, empty, a future format) next to
 * two good backups, plus an object no manifest references: the listing flags them, restores
 * of latest, --at and --revision take the newest readable snapshot, and only asking for a
 * damaged one by id fails.
 */
@RealEtcd
@RealS3
class UnreadableManifestsIT {

    private static final String CLUSTER = "unreadable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Manifest older;
    private static Manifest newer;
    private static SnapshotId malformed;
    private static SnapshotId empty;
    private static SnapshotId future;
    private static String orphanKey;
    private static Map<String, String> env;

    @BeforeAll
    static void twoBackupsThenDamagedManifestsAndAnOrphan(EtcdCluster etcd, S3Bucket bucket)
            throws InterruptedException {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 1L << 20, 5);
        older = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        Thread.sleep(1100);
        try (EtcdKeys keys = new EtcdKeys(etcd.clientEndpoints())) {
            for (int i = 0; i < 5; i++) {
                keys.put("/registry/configmaps/default/newer-" + i, new byte[] {(byte) i});
            }
        }
        newer = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        assertThat(newer.revision()).isGreaterThan(older.revision());

        BucketLayout layout = new BucketLayout("", CLUSTER);
        SnapshotId newest = SnapshotId.parse(newer.id());
        malformed = new SnapshotId(newest.time().plusSeconds(1), newest.revision() + 1);
        empty = new SnapshotId(newest.time().plusSeconds(2), newest.revision() + 2);
        future = new SnapshotId(newest.time().plusSeconds(3), newest.revision() + 3);
        put(bucket, layout.manifestKey(malformed), "{\"formatVersion\": 1, \"id\": ");
        put(bucket, layout.manifestKey(empty), "");
        put(bucket, layout.manifestKey(future), "{\"formatVersion\": 99, \"id\": \"" + future + "\"}");
        orphanKey = layout.snapshotKey(Instant.parse("2026-01-01T00:00:00Z"), "orphan01");
        put(bucket, orphanKey, "left by a backup that never wrote its manifest");
        env = CliRun.env(bucket, CLUSTER);
        // So that --orphan-age 1s sees the orphan as old; real S3 servers cannot backdate an object.
        Thread.sleep(1500);
    }

    @Test
    void list_table_flagsEachUnreadableManifestWithItsReasonAndTheOrphan() {
        CliRun run = CliRun.lifeboat(env, "list", "--orphan-age", "1s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("ID").endsWith("STATUS");
        assertThat(lines.get(1)).startsWith(older.id()).endsWith("ok");
        assertThat(lines.get(2)).startsWith(newer.id()).endsWith("ok");
        assertThat(lines.get(3)).startsWith(malformed.toString()).contains("UNREADABLE", malformed + ".json: is not JSON");
        assertThat(lines.get(4)).startsWith(empty.toString()).contains("UNREADABLE", "is empty (0 bytes)");
        assertThat(lines.get(5)).startsWith(future.toString()).contains("UNREADABLE", "format version 99");
        assertThat(lines.get(6)).contains("ORPHAN " + orphanKey, "old, no manifest");
        assertThat(run.err()).contains("warning: 3 manifest(s)");
    }

    @Test
    void list_json_flagsUnreadableEntriesAndTheOrphanAsNotReadableWithAReason() throws Exception {
        CliRun run = CliRun.lifeboat(env, "list", "-o", "json", "--orphan-age", "1s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode entries = JSON.readTree(run.out());
        assertThat(entries.size()).isEqualTo(6);
        assertThat(entries.get(1).get("id").asText()).isEqualTo(newer.id());
        assertThat(entries.get(1).get("readable").asBoolean()).isTrue();
        assertThat(entries.get(1).get("revision").asLong()).isEqualTo(newer.revision());
        List<String> reasons = new ArrayList<>();
        for (int i = 2; i < 5; i++) {
            assertThat(entries.get(i).get("readable").asBoolean()).isFalse();
            assertThat(entries.get(i).get("status").asText()).isEqualTo("unreadable");
            reasons.add(entries.get(i).get("reason").asText());
        }
        assertThat(entries.get(4).get("id").asText()).isEqualTo(future.toString());
        assertThat(entries.get(4).get("manifestKey").asText()).isEqualTo(CLUSTER + "/manifests/" + future + ".json");
        assertThat(reasons).satisfiesExactly(r -> assertThat(r).startsWith("is not JSON"),
                r -> assertThat(r).isEqualTo("is empty (0 bytes)"), r -> assertThat(r).contains("format version 99"));
        JsonNode orphan = entries.get(5);
        assertThat(orphan.get("status").asText()).isEqualTo("orphan");
        assertThat(orphan.get("readable").asBoolean()).isFalse();
        assertThat(orphan.get("objectKey").asText()).isEqualTo(orphanKey);
        assertThat(orphan.get("ageSeconds").asLong()).isPositive();
        assertThat(orphan.has("id")).isFalse();
    }

    @Test
    void list_defaultOrphanAge_doesNotCallAFreshObjectAnOrphan() {
        CliRun run = CliRun.lifeboat(env, "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("ORPHAN").contains("UNREADABLE");
    }

    @Test
    void restore_latest_takesTheNewestReadableSnapshotAndWarnsOfTheSkippedOnes(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", dir.resolve("etcd").toString());

        assertRestored(run, dir, newer);
        assertThat(run.err()).contains("warning: skipping " + future, "warning: skipping " + empty,
                "warning: skipping " + malformed);
    }

    @Test
    void restore_atTheTimeOfAnUnreadableManifest_takesTheNewestReadableBefore(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(env, "restore", "--at", future.time().toString(), "--data-dir",
                dir.resolve("etcd").toString());

        assertRestored(run, dir, newer);
    }

    @Test
    void restore_revisionOfAnUnreadableManifest_takesTheNewestReadableBelow(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(env, "restore", "--revision", String.valueOf(empty.revision()), "--data-dir",
                dir.resolve("etcd").toString());

        assertRestored(run, dir, newer);
        assertThat(run.err()).contains("warning: skipping " + empty).doesNotContain("skipping " + future);
    }

    @Test
    void show_latest_isTheNewestReadable() {
        CliRun run = CliRun.lifeboat(env, "show", "latest");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(newer.id());
    }

    @Test
    void show_eachUnreadableId_failsWithTheIntegrityCodeAndTheReason() {
        assertThat(CliRun.lifeboat(env, "show", malformed.toString()))
                .satisfies(run -> assertThat(run.exitCode()).as(run.toString()).isEqualTo(4))
                .satisfies(run -> assertThat(run.err()).contains(malformed + ".json", "is not JSON"));
        assertThat(CliRun.lifeboat(env, "show", empty.toString()))
                .satisfies(run -> assertThat(run.exitCode()).as(run.toString()).isEqualTo(4))
                .satisfies(run -> assertThat(run.err()).contains("is empty"));
        assertThat(CliRun.lifeboat(env, "show", future.toString()))
                .satisfies(run -> assertThat(run.exitCode()).as(run.toString()).isEqualTo(4))
                .satisfies(run -> assertThat(run.err()).contains("format version 99", "upgrade lifeboat"));
    }

    @Test
    void list_badOrphanAge_isAUsageError() {
        CliRun run = CliRun.lifeboat(env, "list", "--orphan-age", "0s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--orphan-age");
    }

    private static void assertRestored(CliRun run, Path dir, Manifest expected) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("restored " + expected.id(), "revision " + expected.revision());
        assertThat(dir.resolve("etcd/member/snap/db")).isRegularFile();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }

    private static void put(S3Bucket bucket, String key, String content) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key(key),
                RequestBody.fromBytes(content.getBytes(StandardCharsets.UTF_8)));
    }
}
