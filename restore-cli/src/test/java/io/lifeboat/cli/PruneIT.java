package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code prune --dry-run} and {@code list --summary} over a bucket with two real backups taken a
 * second apart, three older snapshots from 2025 (the newer backup's manifest under older ids,
 * pointing at its real object) and an unreadable manifest. The policy: last 1, daily 1, monthly 3.
 * Newest first: the newer backup holds last, daily and this month; the older one is in the same
 * day and month, so it is pruned; May 2025 and March 2025 take the other monthly slots; the
 * earlier March snapshot is pruned; the unreadable one is kept with no tier.
 */
@RealEtcd
@RealS3
class PruneIT {

    private static final String CLUSTER = "prune";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] POLICY = {"--keep-last", "1", "--keep-hourly", "0", "--keep-daily", "1",
        "--keep-weekly", "0", "--keep-monthly", "3", "--keep-yearly", "0"};

    private static final SnapshotId MARCH_10 = SnapshotId.parse("20250310T080000Z-r1");
    private static final SnapshotId MARCH_20 = SnapshotId.parse("20250320T080000Z-r2");
    private static final SnapshotId MAY_5 = SnapshotId.parse("20250505T080000Z-r3");
    private static final SnapshotId MAY_6_UNREADABLE = SnapshotId.parse("20250506T080000Z-r4");

    private static Manifest older;
    private static Manifest newer;
    private static S3Bucket s3;
    private static Map<String, String> env;

    @BeforeAll
    static void twoBackupsAndOlderManifests(EtcdCluster etcd, S3Bucket bucket) throws InterruptedException {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 1L << 20, 5);
        older = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        Thread.sleep(1100);
        newer = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        BucketLayout layout = new BucketLayout("", CLUSTER);
        for (SnapshotId id : List.of(MARCH_10, MARCH_20, MAY_5)) {
            put(bucket, layout.manifestKey(id), ManifestCodec.write(newer.withId(id.toString())));
        }
        put(bucket, layout.manifestKey(MAY_6_UNREADABLE), "{\"formatVersion\": 1, \"id\": ".getBytes(StandardCharsets.UTF_8));
        env = CliRun.env(bucket, CLUSTER);
        s3 = bucket;
    }

    @Test
    void prune_withoutDryRun_isAUsageError_andDeletesNothing() {
        List<String> before = keys(CLUSTER + "/");

        CliRun run = CliRun.lifeboat(env, args("prune"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("pruning is done by the lifeboat service under its backup lock", "--dry-run");
        assertThat(keys(CLUSTER + "/")).isEqualTo(before);
    }

    @Test
    void pruneDryRunJson_keepsEachTiersNewest_prunesTheRest_andKeepsTheUnreadableOne() throws Exception {
        CliRun run = CliRun.lifeboat(env, args("prune", "--dry-run", "-o", "json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("kept").asInt()).isEqualTo(4);
        assertThat(report.get("prune").asInt()).isEqualTo(2);
        assertThat(report.has("refusal")).isFalse();
        assertThat(report.get("policy").get("keepMonthly").asInt()).isEqualTo(3);
        List<String> decisions = new ArrayList<>();
        report.get("snapshots").forEach(s -> decisions.add(s.get("id").asText() + " " + s.get("decision").asText()
                + " " + s.get("tiers") + " " + (s.has("highestTier") ? s.get("highestTier").asText() : "-")
                + " " + s.get("status").asText()));
        assertThat(decisions).containsExactly(
                MARCH_10 + " prune [] - ok",
                MARCH_20 + " keep [\"monthly\"] monthly ok",
                MAY_5 + " keep [\"monthly\"] monthly ok",
                MAY_6_UNREADABLE + " keep [] - unreadable",
                older.id() + " prune [] - ok",
                newer.id() + " keep [\"last\",\"daily\",\"monthly\"] monthly ok");
        assertThat(report.get("snapshots").get(3).get("reason").asText()).contains("is not JSON");
    }

    @Test
    void pruneDryRunTable_showsDecisionsAndTheCounts() {
        CliRun run = CliRun.lifeboat(env, args("prune", "--dry-run"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern(newer.id() + "\\s+\\S+\\s+keep\\s+last,daily,monthly\\s+monthly\\s+ok")
                .containsPattern(MARCH_10 + "\\s+\\S+\\s+prune\\s+-\\s+-\\s+ok")
                .contains("UNREADABLE", "keep 4, prune 2");
    }

    @Test
    void pruneDryRun_policyOfZeros_isRefusedWithTheReason_andPrunesNothing() throws Exception {
        CliRun run = CliRun.lifeboat(env, "prune", "--dry-run", "-o", "json", "--keep-last", "0", "--keep-hourly", "0",
                "--keep-daily", "0", "--keep-weekly", "0", "--keep-monthly", "0");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("refusal").asText()).contains("would prune every one of the 5 restorable snapshot(s)");
        assertThat(report.get("prune").asInt()).isZero();
        assertThat(run.err()).contains("refused:");
    }

    @Test
    void listSummaryJson_countsEachSnapshotUnderItsHighestComputedTier() throws Exception {
        CliRun run = CliRun.lifeboat(env, args("list", "--summary", "-o", "json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode groups = JSON.readTree(run.out());
        List<String> lines = new ArrayList<>();
        groups.forEach(g -> lines.add(g.get("name").asText() + " " + g.get("count").asInt() + " "
                + g.get("compressedBytes").asLong() + " " + g.get("oldest").asText() + " " + g.get("newest").asText()));
        long size = newer.object().sizeBytes();
        assertThat(lines).containsExactly(
                "monthly 3 " + 3 * size + " " + MARCH_20.time() + " " + SnapshotId.parse(newer.id()).time(),
                "untiered 2 " + (size + older.object().sizeBytes()) + " " + MARCH_10.time() + " "
                        + SnapshotId.parse(older.id()).time(),
                "unreadable 1 0 " + MAY_6_UNREADABLE.time() + " " + MAY_6_UNREADABLE.time());
    }

    @Test
    void listSummaryTable_oneLinePerGroup() {
        CliRun run = CliRun.lifeboat(env, args("list", "--summary"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(4).first().asString().startsWith("TIER");
        assertThat(run.out()).containsPattern("(?m)^monthly\\s+3\\s").containsPattern("(?m)^untiered\\s+2\\s");
    }

    @Test
    void listTier_withoutRecordedTiers_usesTheTiersThePolicyComputesNow() throws Exception {
        CliRun run = CliRun.lifeboat(env, args("list", "--tier", "monthly", "-o", "json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> ids = new ArrayList<>();
        JSON.readTree(run.out()).forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).containsExactly(MARCH_20.toString(), MAY_5.toString(), newer.id());
        assertThat(CliRun.lifeboat(env, args("list", "--tier", "daily")).out()).contains(newer.id())
                .doesNotContain(older.id(), MAY_5.toString());
    }

    @Test
    void pruneDryRun_bucketUnreachable_isExit5AndDecidesNothing() {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_S3_BUCKET", "b", "LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:9",
                "LIFEBOAT_S3_PATH_STYLE", "true", "LIFEBOAT_CLUSTER", CLUSTER), "prune", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot list");
    }

    private static List<String> keys(String prefix) {
        return s3.client().listObjectsV2Paginator(r -> r.bucket(s3.name()).prefix(prefix)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private static String[] args(String... command) {
        String[] all = new String[command.length + POLICY.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(POLICY, 0, all, command.length, POLICY.length);
        return all;
    }

    private static void put(S3Bucket bucket, String key, byte[] content) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key(key), RequestBody.fromBytes(content));
    }
}
