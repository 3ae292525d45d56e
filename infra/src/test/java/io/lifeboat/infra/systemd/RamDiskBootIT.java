package io.lifeboat.infra.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.testing.FillResult;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.Loopback;
import io.lifeboat.testing.S3Bucket;
import io.lifeboat.testing.S3MockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RAM-disk node's boot and shutdown, with the real scripts kubelet's drop-in runs, a real
 * tmpfs as etcd's data dir (as var-lib-etcd.mount mounts it), a real etcd started the way
 * kubeadm's static pod starts it, S3Mock on 127.0.0.1, the built service jar and lifeboat CLI.
 * The scripts run unmodified: only their path variables point into this test's directory.
 */
@ExtendWith(S3MockExtension.class)
class RamDiskBootIT {

    private static final String MEMBER = "cp-1";
    /** S3Mock accepts any credentials: distinctive values so a leak into the logs is caught. */
    private static final String ACCESS_KEY = "AKIALIFEBOATNEVERLOGGED";
    private static final String SECRET_KEY = "lifeboat-secret-never-in-any-log-3f9a";

    @TempDir
    Path work;

    private Path dataDir;
    private Path stateDir;

    @BeforeAll
    static void runsAsRoot() {
        ToolRun id = ToolRun.run(List.of("id", "-u"), Map.of(), 10);
        assertThat(id.out().strip()).as("these tests mount a tmpfs and must run as root").isEqualTo("0");
    }

    @BeforeEach
    void mountTmpfs() throws IOException {
        dataDir = Files.createDirectory(work.resolve("var-lib-etcd"));
        stateDir = work.resolve("run-lifeboat");
        mount();
    }

    @AfterEach
    void unmountTmpfs() {
        // Always: a tmpfs left mounted under /tmp would hold RAM and make @TempDir's cleanup fail.
        if (mounted()) {
            ToolRun umount = ToolRun.run(List.of("umount", dataDir.toString()), Map.of(), 30);
            if (umount.exitCode() != 0) {
                ToolRun.run(List.of("umount", "-l", dataDir.toString()), Map.of(), 30);
            }
        }
        assertThat(mounted()).as("tmpfs on " + dataDir + " unmounted").isFalse();
    }

    @Test
    void powerLoss_shutdownBackupThenEmptyTmpfs_bootRestoreBringsBackEveryKeyAndValue(S3Bucket bucket)
            throws IOException {
        KubeadmEtcd etcd = new KubeadmEtcd(MEMBER, dataDir, work.resolve("etcd.log"));
        Path manifest = write("etcd.yaml", etcd.manifest());
        Path envFile = envFile(bucket, bucket.endpoint().toString(), "ramdisk", etcd.clientUrl(), false);
        Map<String, String> before;
        long revisionBefore;
        try (etcd) {
            etcd.start();
            FillResult filled = new KeyspaceGenerator().fill(etcd.clientUrl(), 2L << 20, 11);
            try (EtcdKeys keys = new EtcdKeys(etcd.clientUrl())) {
                before = keys.under("/registry/");
                revisionBefore = keys.revision();
            }
            assertThat(before).hasSize((int) filled.liveKeys()).hasSizeGreaterThan(300);

            // kubelet has stopped, the etcd container still runs: ExecStopPost.
            ToolRun backup = script("shutdown-backup", envFile, manifest);
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            assertThat(backup.err()).contains("lifeboat backup (shutdown): snapshot ", " taken");
            // The first backup wrote the class archive; the next maps it (and still backs up).
            assertThat(cdsArchives()).as("class archives after the first backup").hasSize(1);
            ToolRun second = script("shutdown-backup", envFile, manifest);
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.err()).contains("lifeboat backup (shutdown): snapshot ", " taken");
            assertThat(cdsArchives()).as("the same archive, reused").hasSize(1);
        }

        // Power loss: containerd and etcd are gone, and so is everything on the tmpfs.
        remount();
        assertThat(entries(dataDir)).isEmpty();

        ToolRun restore = script("boot-restore", envFile, manifest);

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.err()).contains("is empty: restoring the newest snapshot", "as member " + MEMBER,
                "restored into " + dataDir);
        assertThat(restore.out()).contains("(tmpfs)", "etcd started on it served revision");
        assertThat(entries(dataDir)).containsExactly("member");
        assertThat(Files.exists(stateDir.resolve("boot-restore-failed"))).isFalse();
        assertThat(Files.exists(stateDir.resolve("started-empty"))).isFalse();

        // kubelet starts the static pod on the restored dir with the manifest's flags.
        try (etcd; EtcdKeys keys = new EtcdKeys(etcd.clientUrl())) {
            etcd.start();
            assertThat(keys.revision()).isGreaterThanOrEqualTo(revisionBefore);
            Map<String, String> after = keys.under("/registry/");
            assertThat(after).hasSameSizeAs(before);
            assertThat(after).containsExactlyEntriesOf(before);

            // A kubelet restart without a reboot: the dir is etcd's now, boot-restore leaves it alone.
            ToolRun again = script("boot-restore", envFile, manifest);
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.err()).contains("is not empty (member )", "nothing to restore");
            assertThat(keys.under("/registry/")).containsExactlyEntriesOf(before);
        }
    }

    @Test
    void bootRestore_onANonEmptyDataDir_touchesNothingAndNeverAsksTheBucket() throws IOException {
        Files.createDirectories(dataDir.resolve("member/snap"));
        Files.writeString(dataDir.resolve("member/snap/db"), "etcd's own");
        Path manifest = write("etcd.yaml", new KubeadmEtcd(MEMBER, dataDir, work.resolve("etcd.log")).manifest());
        // A bucket nobody listens at: asking it would fail the script.
        Path envFile = envFile(null, "http://127.0.0.1:" + Loopback.freePort(), "ramdisk", "http://127.0.0.1:1",
                false);

        ToolRun restore = script("boot-restore", envFile, manifest);

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.err()).contains("is not empty", "nothing to restore").doesNotContain("restoring");
        assertThat(Files.readString(dataDir.resolve("member/snap/db"))).isEqualTo("etcd's own");
        assertThat(entries(dataDir)).containsExactly("member");
    }

    @Test
    void bootRestore_withTheBucketUnreachable_failsNamingTheCauseAndTheOverride_andLeavesTheDirEmpty()
            throws IOException {
        Path manifest = write("etcd.yaml", new KubeadmEtcd(MEMBER, dataDir, work.resolve("etcd.log")).manifest());
        String closed = "http://127.0.0.1:" + Loopback.freePort();
        Path envFile = envFile(null, closed, "ramdisk", "http://127.0.0.1:1", false);

        ToolRun restore = script("boot-restore", envFile, manifest);

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(5);
        assertThat(restore.err()).contains("FAILED (exit 5): the bucket is unreachable", closed,
                "kubelet is not started", "LIFEBOAT_BOOT_RESTORE_SKIP=true");
        assertThat(entries(dataDir)).isEmpty();
        assertThat(stateDir.resolve("boot-restore-failed")).content().contains("exit 5");
        assertThat(Files.exists(stateDir.resolve("started-empty"))).isFalse();

        // systemd runs ExecStopPost after a failed ExecStartPre too: etcd never ran, nothing to back up.
        ToolRun backup = script("shutdown-backup", envFile, manifest);
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.err()).contains("skipped: the boot restore failed");
    }

    @Test
    void bootRestore_withNoSnapshot_failsUnlessAllowEmpty_thenStartsEmptyLoudly(S3Bucket bucket) throws IOException {
        Path manifest = write("etcd.yaml", new KubeadmEtcd(MEMBER, dataDir, work.resolve("etcd.log")).manifest());
        Path strict = envFile(bucket, bucket.endpoint().toString(), "never-backed-up", "http://127.0.0.1:1", false);

        ToolRun refused = script("boot-restore", strict, manifest);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("FAILED (exit 3): no snapshot of cluster 'never-backed-up' in bucket '"
                + bucket.name() + "'", "kubelet is not started", "LIFEBOAT_BOOT_ALLOW_EMPTY=true");
        assertThat(entries(dataDir)).isEmpty();
        assertThat(Files.exists(stateDir.resolve("started-empty"))).isFalse();

        Path allowing = envFile(bucket, bucket.endpoint().toString(), "never-backed-up", "http://127.0.0.1:1", true);
        ToolRun allowed = script("boot-restore", allowing, manifest);

        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.err()).contains("WARNING: no snapshot of cluster 'never-backed-up'",
                "LIFEBOAT_BOOT_ALLOW_EMPTY=true: etcd starts on the EMPTY data dir " + dataDir);
        assertThat(entries(dataDir)).isEmpty();
        assertThat(stateDir.resolve("started-empty")).content().contains("LIFEBOAT_BOOT_ALLOW_EMPTY=true");
        assertThat(Files.exists(stateDir.resolve("boot-restore-failed"))).isFalse();
    }

    private List<Path> cdsArchives() throws IOException {
        Path dir = work.resolve("cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("lifeboat-service-\\d+-\\d+\\.jsa"))
                    .filter(f -> f.toFile().length() > 0).toList();
        }
    }

    /** Runs one of infra/systemd/lib's scripts as systemd would, with only the path variables changed. */
    private ToolRun script(String name, Path envFile, Path manifest) {
        Map<String, String> env = new HashMap<>();
        env.put("LIFEBOAT_ENV_FILE", envFile.toString());
        env.put("LIFEBOAT_CLI", Repo.cli().toString());
        env.put("LIFEBOAT_SERVICE_JAR", Repo.serviceJar().toString());
        env.put("LIFEBOAT_ETCD_DATA_DIR", dataDir.toString());
        env.put("LIFEBOAT_ETCD_MANIFEST", manifest.toString());
        env.put("LIFEBOAT_STATE_DIR", stateDir.toString());
        env.put("LIFEBOAT_CDS_DIR", work.resolve("cds").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TMPDIR", work.toString());
        ToolRun run = ToolRun.run(List.of(Repo.script(name).toString()), env, 300);
        // Scripts and the JVMs they start never print credentials.
        assertThat(run.out() + run.err()).as(run.toString()).doesNotContain(ACCESS_KEY, SECRET_KEY);
        return run;
    }

    /** /etc/lifeboat/lifeboat.env as an operator writes it from lifeboat.env.example. */
    private Path envFile(S3Bucket bucket, String s3Endpoint, String cluster, String etcdEndpoint, boolean allowEmpty)
            throws IOException {
        String text = """
                LIFEBOAT_S3_BUCKET=%s
                LIFEBOAT_S3_ENDPOINT=%s
                LIFEBOAT_S3_PATH_STYLE=true
                LIFEBOAT_S3_REGION=us-east-1
                LIFEBOAT_CLUSTER=%s
                AWS_ACCESS_KEY_ID=%s
                AWS_SECRET_ACCESS_KEY=%s
                LIFEBOAT_ETCD_ENDPOINTS=%s
                LIFEBOAT_RETENTION_KEEP_LAST=10
                LIFEBOAT_RETENTION_KEEP_HOURLY=0
                LIFEBOAT_RETENTION_KEEP_DAILY=31
                LIFEBOAT_RETENTION_KEEP_WEEKLY=0
                LIFEBOAT_RETENTION_KEEP_MONTHLY=0
                LIFEBOAT_RETENTION_KEEP_YEARLY=0
                LIFEBOAT_RESTORE_VERIFY_START=true
                LIFEBOAT_RESTORE_TMPFS=require
                LIFEBOAT_BOOT_ALLOW_EMPTY=%s
                """.formatted(bucket == null ? "lifeboat-unreachable" : bucket.name(), s3Endpoint, cluster,
                ACCESS_KEY, SECRET_KEY, etcdEndpoint, allowEmpty);
        Path file = write("lifeboat-" + cluster + (allowEmpty ? "-allow-empty" : "") + ".env", text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }

    private void mount() {
        ToolRun mount = ToolRun.run(List.of("mount", "-t", "tmpfs", "-o", "mode=0700,size=256m,noatime", "tmpfs",
                dataDir.toString()), Map.of(), 30);
        assertThat(mount.exitCode()).as(mount.toString()).isZero();
        assertThat(mounted()).isTrue();
    }

    /** umount + mount: what a power cycle does to a tmpfs. */
    private void remount() {
        ToolRun umount = ToolRun.run(List.of("umount", dataDir.toString()), Map.of(), 30);
        assertThat(umount.exitCode()).as(umount.toString()).isZero();
        mount();
    }

    private boolean mounted() {
        ToolRun findmnt = ToolRun.run(List.of("findmnt", "-n", "-o", "FSTYPE", "--mountpoint", dataDir.toString()),
                Map.of(), 10);
        return findmnt.exitCode() == 0 && findmnt.out().strip().equals("tmpfs");
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
