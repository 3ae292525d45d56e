package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged snapshot or manifest is refused with the integrity exit code, and a refused restore
 * leaves neither a data dir nor a staging dir. Each case stores a damaged copy of one good
 * backup in the bucket and restores (and verifies) exactly that copy by id.
 *
 * <p>etcd's restore tool runs with {@code --skip-hash-check} (lifeboat has checked that digest
 * already), so lifeboat's checks are the only ones left: every restore here goes through
 * wrapper scripts that record each call of etcd's real tools, and a refused restore must not
 * have called {@code snapshot restore} at all.
 */
@RealEtcd
@RealS3
class CorruptSnapshotIT {

    private static final String CLUSTER = "corrupt";

    private static Manifest good;
    private static Tampering tampering;
    private static Map<String, String> env;
    private static RecordingEtcdTools tools;

    @BeforeAll
    static void backUpOnce(EtcdCluster etcd, S3Bucket bucket, @TempDir Path toolsDir) {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 6L << 20, 11);
        good = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        tampering = new Tampering(bucket, CLUSTER, good);
        env = CliRun.env(bucket, CLUSTER);
        tools = RecordingEtcdTools.create(toolsDir);
    }

    @Test
    void restore_goodSnapshot_succeedsWithEtcdsToolSkippingItsHashCheck(@TempDir Path dir) {
        CliRun run = restore(good, dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(dir.resolve("etcd/member/snap/db")).exists();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
        // The wrapper is in the path: a refusal below that records no call means the tool never ran.
        assertThat(tools.invocations()).singleElement().asString().contains("snapshot restore", "--skip-hash-check");
    }

    /**
     * Damage under a valid zstd frame and a re-recorded object digest (the db changed before it
     * was compressed): only the db's SHA-256 against etcd's trailer sees it, the check etcd's
     * tool no longer repeats. The data dir exists, empty, and stays so.
     */
    @ParameterizedTest(name = "db byte at {0}/1000")
    @ValueSource(ints = {0, 500, 999})
    void restore_dbDamagedBeforeCompression_refusedBeforeEtcdsToolRuns(int perMille, @TempDir Path dir)
            throws IOException {
        Path target = Files.createDirectories(dir.resolve("etcd"));
        Manifest damaged = tampering.storeEditedSnapshotFile(file -> {
            int dbBytes = file.length - 32;
            file[Math.min(dbBytes - 1, (int) ((long) dbBytes * perMille / 1000))] ^= 0x01;
        });

        assertRefusedBeforeEtcdsTool(restore(damaged, dir), dir, "but the snapshot's trailer says");
        assertThat(target).isEmptyDirectory();
    }

    /** The trailer rewritten too, so db and trailer agree: the manifest's db SHA-256 still refuses it. */
    @Test
    void restore_dbAndTrailerReplacedConsistently_refusedByTheManifestsDbDigest(@TempDir Path dir) {
        Manifest damaged = tampering.storeEditedSnapshotFile(file -> {
            int dbBytes = file.length - 32;
            file[dbBytes / 2] ^= 0x01;
            byte[] digest = SnapshotDigest.newSha256().digest(Arrays.copyOf(file, dbBytes));
            System.arraycopy(digest, 0, file, dbBytes, digest.length);
        });

        assertRefused(restore(damaged, dir), dir, "SHA-256 of the db is");
    }

    /** Per mille of the object's length: the frame header, early, middle and late blocks, the last byte (checksum). */
    @ParameterizedTest(name = "flip at {0}/1000")
    @ValueSource(ints = {0, 1, 100, 500, 900, 1000})
    void restore_flippedByte_failsWithIntegrityCodeAndLeavesNothing(int perMille, @TempDir Path dir) {
        byte[] bytes = tampering.object();
        int offset = Math.min(bytes.length - 1, Math.max(5, (int) ((long) bytes.length * perMille / 1000)));
        bytes[offset] ^= 0x10;

        // zstd's checksum or the object's SHA-256, whichever sees it first.
        assertRefused(restore(tampering.storeObject(bytes, false), dir), dir, "zstd", "SHA-256 of object");
        if (perMille > 0) {
            // Damaged before the upload (the manifest records the damaged bytes): zstd's checksum must catch it.
            // Not in the frame header: a flip there can change only the window size, and the db comes out intact.
            assertRefused(restore(tampering.storeObject(bytes, true), dir), dir, "zstd");
        }
    }

    @ParameterizedTest(name = "truncated to {0}/1000")
    @ValueSource(ints = {0, 500, 999})
    void restore_truncatedObject_failsWithIntegrityCodeAndLeavesNothing(int perMille, @TempDir Path dir) {
        byte[] bytes = Arrays.copyOf(tampering.object(), (int) ((long) tampering.object().length * perMille / 1000));

        assertRefused(restore(tampering.storeObject(bytes, false), dir), dir, "");
        assertRefused(restore(tampering.storeObject(bytes, true), dir), dir, "");
    }

    @Test
    void restore_manifestRevisionDisagrees_failsWithIntegrityCodeAndLeavesNothing(@TempDir Path dir) {
        Manifest edited = tampering.storeEdited(good.revision() + 1, good.totalKeys(), good.dbSha256(),
                good.object().sha256(), true);

        assertRefused(restore(edited, dir), dir, "revision is " + good.revision());
    }

    @Test
    void restore_manifestIdAndRevisionDisagree_failsWithIntegrityCodeAndLeavesNothing(@TempDir Path dir) {
        Manifest edited = tampering.storeEdited(good.revision() - 1, good.totalKeys(), good.dbSha256(),
                good.object().sha256(), false);

        assertRefused(restore(edited, dir), dir, "its id says");
    }

    @Test
    void restore_manifestKeyCountDisagrees_failsWithIntegrityCodeAndLeavesNothing(@TempDir Path dir) {
        Manifest edited = tampering.storeEdited(good.revision(), good.totalKeys() + 1, good.dbSha256(),
                good.object().sha256(), true);

        assertRefused(restore(edited, dir), dir, "total keys");
    }

    @Test
    void restore_manifestDbSha256Disagrees_failsWithIntegrityCodeAndLeavesNothing(@TempDir Path dir) {
        String other = good.dbSha256().replace(good.dbSha256().charAt(0), good.dbSha256().charAt(0) == 'a' ? 'b' : 'a');
        Manifest edited = tampering.storeEdited(good.revision(), good.totalKeys(), other, good.object().sha256(), true);

        assertRefused(restore(edited, dir), dir, "SHA-256 of the db");
    }

    @Test
    void restore_manifestObjectSha256Disagrees_failsWithIntegrityCodeAndLeavesNothing(@TempDir Path dir) {
        Manifest edited = tampering.storeEdited(good.revision(), good.totalKeys(), good.dbSha256(),
                "0".repeat(64), true);

        assertRefused(restore(edited, dir), dir, "SHA-256 of object");
    }

    @Test
    void restore_objectMissing_failsWithIntegrityCodeAndLeavesNothing(@TempDir Path dir) {
        assertRefused(restore(tampering.storeMissingObject(), dir), dir, "not in the bucket");
    }

    @Test
    void verify_damagedObject_printsFailedVerdictWithIntegrityCode() {
        byte[] bytes = tampering.object();
        bytes[bytes.length / 2] ^= 0x01;
        Manifest damaged = tampering.storeObject(bytes, false);

        CliRun run = CliRun.lifeboat(env, "verify", damaged.id(), "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).contains("\"verdict\" : \"failed\"").containsAnyOf("zstd", "SHA-256 of object");
    }

    @Test
    void verify_goodSnapshot_printsOkVerdict() {
        CliRun run = CliRun.lifeboat(env, "verify", good.id());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("OK " + good.id()).contains("revision " + good.revision(),
                good.totalKeys() + " keys", good.dbSha256());
    }

    private static CliRun restore(Manifest manifest, Path dir) {
        tools.clear();
        return CliRun.lifeboat(env, "restore", manifest.id(), "--data-dir", dir.resolve("etcd").toString(),
                "--etcd-bin-dir", tools.binDir().toString());
    }

    /** Refused as damaged, etcd's restore tool never called, no data dir and nothing else left behind. */
    private static void assertRefused(CliRun run, Path dir, String... reasons) {
        assertRefusedBeforeEtcdsTool(run, dir, reasons);
        assertThat(dir.resolve("etcd")).doesNotExist();
    }

    private static void assertRefusedBeforeEtcdsTool(CliRun run, Path dir, String... reasons) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        String lastLine = run.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(lastLine).as(run.toString()).startsWith("lifeboat: ").containsAnyOf(reasons);
        assertThat(tools.invocations()).as(run.toString()).noneMatch(call -> call.contains("snapshot restore"));
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }
}
