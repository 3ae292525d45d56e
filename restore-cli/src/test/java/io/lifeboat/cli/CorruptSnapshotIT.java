package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
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
 */
@RealEtcd
@RealS3
class CorruptSnapshotIT {

    private static final String CLUSTER = "corrupt";

    private static Manifest good;
    private static Tampering tampering;
    private static Map<String, String> env;

    @BeforeAll
    static void backUpOnce(EtcdCluster etcd, S3Bucket bucket) {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 6L << 20, 11);
        good = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER);
        tampering = new Tampering(bucket, CLUSTER, good);
        env = CliRun.env(bucket, CLUSTER);
    }

    @Test
    void restore_goodSnapshot_succeeds(@TempDir Path dir) {
        CliRun run = restore(good, dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(dir.resolve("etcd/member/snap/db")).exists();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
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
        return CliRun.lifeboat(env, "restore", manifest.id(), "--data-dir", dir.resolve("etcd").toString());
    }

    private static void assertRefused(CliRun run, Path dir, String... reasons) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        String lastLine = run.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(lastLine).as(run.toString()).startsWith("lifeboat: ").containsAnyOf(reasons);
        assertThat(dir.resolve("etcd")).doesNotExist();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }
}
