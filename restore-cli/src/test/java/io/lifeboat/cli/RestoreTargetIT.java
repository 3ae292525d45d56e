package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a restore may write: never into a non-empty data dir (unless the old one is moved
 * aside), on tmpfs when asked, and only the snapshot asked for.
 */
@RealEtcd
@RealS3
class RestoreTargetIT {

    private static final String CLUSTER = "targets";

    private static Manifest older;
    private static Manifest newer;
    private static Map<String, String> env;

    @BeforeAll
    static void backUpTwice(EtcdCluster etcd, S3Bucket bucket) throws InterruptedException {
        KeyspaceGenerator generator = new KeyspaceGenerator();
        generator.fill(etcd.clientEndpoints(), 1L << 20, 3);
        older = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        Thread.sleep(1100);
        try (EtcdKeys keys = new EtcdKeys(etcd.clientEndpoints())) {
            for (int i = 0; i < 10; i++) {
                keys.put("/registry/configmaps/default/newer-" + i, new byte[] {(byte) i});
            }
        }
        newer = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        env = CliRun.env(bucket, CLUSTER);
        assertThat(newer.revision()).isGreaterThan(older.revision());
    }

    @Test
    void restore_nonEmptyTarget_refusedWithTargetCodeAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("etcd"));
        Files.writeString(target.resolve("keep.txt"), "precious");

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", target.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.err()).contains("is not empty", "--move-aside");
        assertThat(entries(target)).containsExactly("keep.txt");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("precious");
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }

    @Test
    void restore_nonEmptyTargetWithMoveAside_keepsOldDirBesideAndRestores(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("etcd"));
        Files.writeString(target.resolve("keep.txt"), "precious");

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", target.toString(), "--move-aside");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(entries(target)).containsExactly("member");
        List<String> aside = CliRun.lifeboatLeftovers(dir);
        assertThat(aside).singleElement().asString().startsWith("etcd.lifeboat-old-");
        assertThat(Files.readString(dir.resolve(aside.get(0)).resolve("keep.txt"))).isEqualTo("precious");
        assertThat(run.out()).contains("previous data dir is kept at " + dir.resolve(aside.get(0)));
    }

    @Test
    void restore_emptyExistingTarget_isReplacedByTheRestoredDir(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("etcd"));

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", target.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(target.resolve("member/snap/db")).isRegularFile();
        assertThat(target.resolve("member/wal")).isDirectory();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }

    @Test
    void restore_tmpfsRequiredOnAnotherFileSystem_refusedWithClearMessage(@TempDir Path dir) throws Exception {
        String type = Files.getFileStore(dir).type();
        assertThat(type).isNotEqualTo("tmpfs");

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", dir.resolve("etcd").toString(),
                "--tmpfs", "require");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.err()).contains("--tmpfs require", "is on a " + type + " file system, not tmpfs");
        assertThat(dir.resolve("etcd")).doesNotExist();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }

    @Test
    void restore_tmpfsRequiredOnTmpfs_restoresThere(@TempDir Path dir) throws Exception {
        try (RamDisk ram = RamDisk.create(dir)) {
            CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", ram.dataDir().toString(),
                    "--tmpfs", "require", "--verify-start");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("(tmpfs)", "served revision " + newer.revision());
            assertThat(ram.dataDir().resolve("member/snap/db")).isRegularFile();
            assertThat(Files.getFileStore(ram.dataDir().resolve("member/snap/db")).type()).isEqualTo("tmpfs");
            assertThat(CliRun.lifeboatLeftovers(ram.dataDir())).isEmpty();
            assertThat(CliRun.lifeboatLeftovers(ram.dataDir().getParent())).isEmpty();
        }
    }

    @Test
    void restore_tmpfsMount_mountsATmpfsAsRootOrRefusesClearly(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("etcd");

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", target.toString(), "--tmpfs", "mount=256m");

        try {
            if (RamDisk.isRoot()) {
                assertThat(run.exitCode()).as(run.toString()).isZero();
                assertThat(run.out()).contains("(tmpfs, mounted by lifeboat)");
                assertThat(Files.getFileStore(target.resolve("member/snap/db")).type()).isEqualTo("tmpfs");
                assertThat(CliRun.lifeboatLeftovers(target)).isEmpty();
            } else {
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
                assertThat(run.err()).contains("needs root");
                assertThat(target).doesNotExist();
            }
        } finally {
            RamDisk.unmountIfMounted(target);
        }
    }

    @Test
    void restore_tmpfsTooSmall_refusedBeforeDownloadingAndUnmounted(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("etcd");

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", target.toString(), "--tmpfs", "mount=16m");

        try {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
            assertThat(run.err()).contains(RamDisk.isRoot() ? "use a larger tmpfs" : "needs root");
            assertThat(target).doesNotExist();
            assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
        } finally {
            RamDisk.unmountIfMounted(target);
        }
    }

    @Test
    void restore_atTime_takesTheNewestSnapshotAtOrBeforeIt(@TempDir Path dir) {
        String olderTime = older.id().substring(0, older.id().indexOf("-r"));

        CliRun run = CliRun.lifeboat(env, "restore", "--at", olderTime, "--data-dir", dir.resolve("etcd").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("restored " + older.id());
    }

    @Test
    void restore_revision_takesTheNewestSnapshotAtOrBelowIt(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(env, "restore", "--revision", Long.toString(newer.revision() - 1),
                "--data-dir", dir.resolve("etcd").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("restored " + older.id());
    }

    @Test
    void restore_nothingBeforeTime_failsWithNotFoundCode(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(env, "restore", "--at", "2001-01-01T00:00:00Z", "--data-dir",
                dir.resolve("etcd").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("no snapshot taken at or before 2001-01-01T00:00:00Z");
        assertThat(dir.resolve("etcd")).doesNotExist();
    }

    @Test
    void restore_etcdToolsMissing_failsWithEtcdToolCodeAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-tools"));

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", dir.resolve("etcd").toString(),
                "--etcd-bin-dir", empty.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
        assertThat(run.err()).contains("neither etcdutl nor etcdctl found in " + empty);
        assertThat(dir.resolve("etcd")).doesNotExist();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }

    @Test
    void restore_bucketUnreachable_failsWithStoreCode(@TempDir Path dir) {
        Map<String, String> deadEndpoint = new HashMap<>(env);
        deadEndpoint.put("LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:" + EtcdOnDataDir.freePort());

        CliRun run = CliRun.lifeboat(deadEndpoint, "restore", "latest", "--data-dir", dir.resolve("etcd").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("127.0.0.1");
        assertThat(dir.resolve("etcd")).doesNotExist();
    }

    @Test
    void list_json_showsBothSnapshotsOldestFirst() {
        CliRun run = CliRun.lifeboat(env, "list", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().indexOf(older.id())).isPositive().isLessThan(run.out().indexOf(newer.id()));
        assertThat(run.out()).contains("\"revision\" : " + newer.revision(), "\"totalKeys\" : " + newer.totalKeys());
    }

    @Test
    void list_table_showsIdRevisionAndKeys() {
        CliRun run = CliRun.lifeboat(env, "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out()).startsWith("ID").contains(newer.id() + "  ", " " + newer.revision() + "  ");
    }

    @Test
    void show_latestJson_printsTheManifestAsStored() {
        CliRun run = CliRun.lifeboat(env, "show", "latest", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(new String(io.lifeboat.manifest.ManifestCodec.write(newer),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void show_unknownId_failsWithNotFoundCode() {
        CliRun run = CliRun.lifeboat(env, "show", "20010101T000000Z-r1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("no snapshot 20010101T000000Z-r1");
    }

    private static List<String> entries(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
