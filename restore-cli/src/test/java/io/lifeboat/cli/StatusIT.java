package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.Etcdctl;
import io.lifeboat.testing.EtcdctlStatus;
import io.lifeboat.testing.FillResult;
import io.lifeboat.testing.KeyspaceGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifeboat status} reports what {@code etcdctl snapshot status -w json} reports, on
 * snapshots of a real etcd taken at very different moments of its life.
 */
class StatusIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void status_sixSnapshotsOfOneEtcdsLife_equalsEtcdctlSnapshotStatus(@TempDir Path dir) throws Exception {
        Etcdctl etcdctl = new Etcdctl();
        Map<String, Path> snapshots = new LinkedHashMap<>();
        Map<String, Long> liveKeys = new LinkedHashMap<>();
        try (EtcdCluster etcd = EtcdCluster.start(1, dir.resolve("etcd"));
             EtcdKeys keys = new EtcdKeys(etcd.clientEndpoints())) {
            String endpoint = etcd.clientEndpoints();
            KeyspaceGenerator generator = new KeyspaceGenerator();
            save(etcdctl, endpoint, dir, "empty", snapshots, liveKeys, keys);
            Random random = new Random(5);
            for (int i = 0; i < 100; i++) {
                byte[] value = new byte[random.nextInt(200)];
                random.nextBytes(value);
                keys.put("/small/key-" + i, value);
            }
            save(etcdctl, endpoint, dir, "small", snapshots, liveKeys, keys);
            FillResult filled = generator.fill(endpoint, 24L << 20, 9);
            save(etcdctl, endpoint, dir, "large", snapshots, liveKeys, keys);
            generator.compact(endpoint, filled.lastRevision());
            save(etcdctl, endpoint, dir, "compacted", snapshots, liveKeys, keys);
            assertThat(keys.deletePrefix("/registry/")).isEqualTo(filled.liveKeys());
            save(etcdctl, endpoint, dir, "deleted", snapshots, liveKeys, keys);
            generator.compact(endpoint, keys.currentRevision());
            save(etcdctl, endpoint, dir, "deleted-compacted", snapshots, liveKeys, keys);
        }

        for (Map.Entry<String, Path> snapshot : snapshots.entrySet()) {
            EtcdctlStatus expected = etcdctl.status(snapshot.getValue());
            CliRun run = CliRun.lifeboat(Map.of(), "status", snapshot.getValue().toString(), "-o", "json");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode actual = JSON.readTree(run.out());
            assertThat(new EtcdctlStatus(actual.get("hash").asLong(), actual.get("revision").asLong(),
                    actual.get("totalKey").asLong(), actual.get("totalSize").asLong()))
                    .as(snapshot.getKey()).isEqualTo(expected);
            assertThat(actual.get("totalKeyV36").asLong()).as(snapshot.getKey() + " live keys")
                    .isEqualTo(liveKeys.get(snapshot.getKey()));
        }
        assertThat(snapshots).hasSize(6);
    }

    @Test
    void status_table_showsHashRevisionKeysAndSizeLikeEtcdctl(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.db");
        try (EtcdCluster etcd = EtcdCluster.start(1, dir.resolve("etcd"));
             EtcdKeys keys = new EtcdKeys(etcd.clientEndpoints())) {
            keys.put("/a", "1".getBytes(StandardCharsets.UTF_8));
            new Etcdctl().save(etcd.clientEndpoints(), file);
        }
        EtcdctlStatus expected = new Etcdctl().status(file);

        CliRun run = CliRun.lifeboat(Map.of(), "status", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("|   HASH   |", String.format("| %08x |", expected.hash()),
                " " + expected.revision() + " |", " " + expected.totalKey() + " |");
    }

    @Test
    void status_notASnapshot_failsWithIntegrityCode(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("junk.db"), new byte[64 * 1024]);

        CliRun run = CliRun.lifeboat(Map.of(), "status", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).startsWith("lifeboat: " + file);
    }

    private static void save(Etcdctl etcdctl, String endpoint, Path dir, String name, Map<String, Path> snapshots,
                             Map<String, Long> liveKeys, EtcdKeys keys) {
        Path file = dir.resolve(name + ".db");
        etcdctl.save(endpoint, file);
        snapshots.put(name, file);
        liveKeys.put(name, keys.count());
    }
}
