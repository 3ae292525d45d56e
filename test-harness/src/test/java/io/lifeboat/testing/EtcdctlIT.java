package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealEtcd
class EtcdctlIT {

    private final Etcdctl etcdctl = new Etcdctl();

    @Test
    void saveThenStatus_agreesWithTheMembersRevision(EtcdCluster cluster, @TempDir Path dir)
            throws IOException {
        String endpoint = cluster.clientEndpoints();
        FillResult fill = new KeyspaceGenerator().fill(endpoint, 2L * 1024 * 1024, 9L);
        Path snapshot = dir.resolve("snapshot.db");

        etcdctl.save(endpoint, snapshot);
        EtcdctlStatus status = etcdctl.status(snapshot);

        assertThat(status.revision()).isEqualTo(fill.lastRevision())
                .isEqualTo(EtcdClusterIT.status(endpoint).getHeader().getRevision());
        // etcdctl keeps the stream's trailer, the sha256 of the db, at the end of the file:
        // the bbolt db is the file minus 32 bytes.
        assertThat(status.totalSize()).isEqualTo(Files.size(snapshot) - 32);
        // Every stored revision of every key is a bbolt key, plus etcd's own meta keys.
        assertThat(status.totalKey()).isGreaterThan(fill.liveKeys());
        assertThat(status.hash()).isNotZero();
    }

    @Test
    void restore_savedSnapshot_buildsAMemberDataDir(EtcdCluster cluster, @TempDir Path dir) {
        Path snapshot = dir.resolve("snapshot.db");
        etcdctl.save(cluster.clientEndpoints(), snapshot);
        Path dataDir = dir.resolve("restored.etcd");

        etcdctl.restore(snapshot, dataDir, "restored", "restored=http://127.0.0.1:2380",
                "http://127.0.0.1:2380");

        assertThat(dataDir.resolve("member/snap/db")).isNotEmptyFile();
        assertThat(dataDir.resolve("member/wal")).isNotEmptyDirectory();
    }

    @Test
    void restoreAndStart_bareDbWithoutTrailer_servesTheSourceRevisionAndKeys(EtcdCluster cluster,
                                                                          @TempDir Path dir)
            throws IOException {
        String endpoint = cluster.clientEndpoints();
        EtcdClusterIT.put(endpoint, "/registry/secrets/default/restored", "from the snapshot");
        Path saved = dir.resolve("saved.db");
        etcdctl.save(endpoint, saved);
        byte[] file = Files.readAllBytes(saved);
        Path bareDb = Files.write(dir.resolve("bare.db"), Arrays.copyOf(file, file.length - 32));
        long sourceRevision = EtcdClusterIT.status(endpoint).getHeader().getRevision();

        try (EtcdCluster restored = EtcdCluster.restoreAndStart(bareDb, dir.resolve("restored"))) {
            String restoredUrl = restored.member(0).clientUrl();
            assertThat(restoredUrl).isNotEqualTo(cluster.member(0).clientUrl());
            assertThat(EtcdClusterIT.status(restoredUrl).getHeader().getRevision()).isEqualTo(sourceRevision);
            assertThat(EtcdClusterIT.get(restoredUrl, "/registry/secrets/default/restored"))
                    .isEqualTo("from the snapshot");
        }
    }

    @Test
    void status_notASnapshot_failsWithTheToolsStderr(@TempDir Path dir) throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.db"), "not a bbolt file");

        assertThatThrownBy(() -> etcdctl.status(garbage))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with")
                .hasMessageContaining("stderr");
    }

    @Test
    void save_remoteEndpoint_isRefusedBeforeRunningTheTool(@TempDir Path dir) {
        assertThatThrownBy(() -> etcdctl.save("http://192.0.2.1:2379", dir.resolve("x.db")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
