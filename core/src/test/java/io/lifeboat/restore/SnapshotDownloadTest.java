package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.compression.ZstdCompressor;
import io.lifeboat.compression.ZstdSettings;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import io.lifeboat.store.InMemoryObjectStore;
import io.lifeboat.store.S3Settings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Download and verify against a golden etcd snapshot (made by etcd, see bbolt/make-golden.sh)
 * compressed by lifeboat's own compressor, from an in-memory bucket.
 */
class SnapshotDownloadTest {

    private static final String KEY = "c/snapshots/2026/11/21/20261121T231500Z-abcd1234.db.zst";
    private static final Scheduler CPU = Schedulers.newBoundedElastic(2, 16, "download-test");

    private static byte[] file;
    private static JsonNode status;
    private static byte[] object;
    private final InMemoryObjectStore s3 = new InMemoryObjectStore();
    private final SnapshotDownload download = new SnapshotDownload(s3, CPU, CPU);

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = new GZIPInputStream(SnapshotDownloadTest.class.getResourceAsStream("/bbolt/large.db.gz"))) {
            file = in.readAllBytes();
        }
        try (InputStream in = SnapshotDownloadTest.class.getResourceAsStream("/bbolt/large.status.json")) {
            status = new ObjectMapper().readTree(in);
        }
        object = compress(file);
    }

    @AfterAll
    static void dispose() {
        CPU.dispose();
    }

    @Test
    void verify_goodSnapshot_provesEveryFigureOfTheManifest() throws Exception {
        s3.objects.put(KEY, object);
        AtomicLong progress = new AtomicLong();

        Verified verified = download.verify(manifest(), (bytes, total) -> progress.set(bytes)).block();

        assertThat(verified.revision()).isEqualTo(status.get("revision").asLong());
        assertThat(verified.totalKeys()).isEqualTo(status.get("totalKey").asLong());
        assertThat(verified.dbSizeBytes()).isEqualTo(file.length - 32);
        assertThat(verified.objectSha256()).isEqualTo(sha256(object));
        assertThat(progress.get()).isEqualTo(object.length);
    }

    @Test
    void toFile_goodSnapshot_writesExactlyWhatEtcdctlSaved(@TempDir Path dir) throws Exception {
        s3.objects.put(KEY, object);

        Verified verified = download.toFile(manifest(), dir.resolve("s.db"), DownloadProgress.NONE).block();

        assertThat(Files.readAllBytes(dir.resolve("s.db"))).isEqualTo(file);
        assertThat(verified.revision()).isEqualTo(status.get("revision").asLong());
        assertThat(verified.totalKeys()).isEqualTo(status.get("totalKey").asLong());
        assertThat(verified.dbSizeBytes()).isEqualTo(status.get("totalSize").asLong());
    }

    /**
     * Damage before compression that also makes the db unreadable (both meta pages' magic): the
     * db digest names it, not the bbolt reader.
     */
    @Test
    void toFile_dbDamagedUnderValidZstd_failsOnTheDigestAndLeavesNoFile(@TempDir Path dir) {
        byte[] damaged = file.clone();
        damaged[16] ^= 0x7f;
        damaged[4096 + 16] ^= 0x7f;
        s3.objects.put(KEY, compress(damaged));
        Manifest m = withObject(manifest(), compress(damaged));

        assertThatThrownBy(() -> download.toFile(m, dir.resolve("s.db"), DownloadProgress.NONE).block())
                .isInstanceOf(SnapshotIntegrityException.class).hasMessageContaining("but the snapshot's trailer says");
        assertThat(dir.resolve("s.db")).doesNotExist();
    }

    @Test
    void toFile_archivedObjectWithoutThaw_failsAsArchived_sayingHow_andReadsNothing(@TempDir Path dir) {
        s3.objects.put(KEY, object);
        s3.storageClasses.put(KEY, "DEEP_ARCHIVE");
        s3.archive.put(KEY, io.lifeboat.store.ObjectHead.Archive.FROZEN);

        assertThatThrownBy(() -> download.toFile(manifest(), dir.resolve("s.db"), DownloadProgress.NONE).block())
                .isInstanceOf(ArchivedSnapshotException.class)
                .hasMessageContaining("storage class DEEP_ARCHIVE").hasMessageContaining("--request-thaw")
                .satisfies(e -> assertThat(io.lifeboat.failure.FailureKind.of(e).exitCode()).isEqualTo(11));
        assertThat(s3.reads.get()).isZero();
        assertThat(dir.resolve("s.db")).doesNotExist();
    }

    @Test
    void verify_thawInProgress_saysToRetryLater() {
        s3.objects.put(KEY, object);
        s3.storageClasses.put(KEY, "GLACIER");
        s3.archive.put(KEY, io.lifeboat.store.ObjectHead.Archive.THAWING);

        assertThatThrownBy(() -> download.verify(manifest(), DownloadProgress.NONE).block())
                .isInstanceOf(ArchivedSnapshotException.class).hasMessageContaining("still running");
    }

    @Test
    void verify_thawedCopy_readsLikeAnyObject() {
        s3.objects.put(KEY, object);
        s3.storageClasses.put(KEY, "GLACIER");
        s3.archive.put(KEY, io.lifeboat.store.ObjectHead.Archive.THAWED);

        assertThat(download.verify(manifest(), DownloadProgress.NONE).block().revision())
                .isEqualTo(status.get("revision").asLong());
    }

    @Test
    void toFile_flippedObjectByte_failsAndLeavesNoFile(@TempDir Path dir) {
        byte[] damaged = object.clone();
        damaged[damaged.length / 2] ^= 4;
        s3.objects.put(KEY, damaged);

        assertThatThrownBy(() -> download.toFile(manifest(), dir.resolve("s.db"), DownloadProgress.NONE).block())
                .isInstanceOf(SnapshotIntegrityException.class);
        assertThat(dir.resolve("s.db")).doesNotExist();
    }

    @Test
    void verify_manifestRecordsAnotherRevision_failsNamingBoth() {
        s3.objects.put(KEY, object);
        Manifest m = manifest();
        Manifest other = new Manifest(m.formatVersion(), m.id(), m.cluster(), m.etcd(), m.revision() + 1,
                m.totalKeys(), m.dbSizeBytes(), m.dbSha256(), m.object(), m.compression(), m.timings(), m.tiers(),
                m.tool());

        assertThatThrownBy(() -> download.verify(other, DownloadProgress.NONE).block())
                .isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("revision is " + m.revision() + ", the manifest records " + (m.revision() + 1));
    }

    @Test
    void verify_objectMissing_failsAsNotRestorable() {
        assertThatThrownBy(() -> download.verify(manifest(), DownloadProgress.NONE).block())
                .isInstanceOf(SnapshotIntegrityException.class).hasMessageContaining("which is not in the bucket");
    }

    @Test
    void requireConsistent_idWithAnotherRevision_refused() {
        Manifest m = manifest();
        Manifest other = new Manifest(m.formatVersion(), new SnapshotId(SnapshotId.parse(m.id()).time(), 1).toString(),
                m.cluster(), m.etcd(), m.revision(), m.totalKeys(), m.dbSizeBytes(), m.dbSha256(), m.object(),
                m.compression(), m.timings(), m.tiers(), m.tool());

        assertThatThrownBy(() -> ManifestMatch.requireConsistent(other)).isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("its id says 1");
    }

    private static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ZstdCompressor(ZstdSettings.DEFAULT, CPU).compress(Flux.just(ByteBuffer.wrap(bytes)))
                .toStream().forEach(b -> {
                    byte[] chunk = new byte[b.remaining()];
                    b.duplicate().get(chunk);
                    out.writeBytes(chunk);
                });
        return out.toByteArray();
    }

    /** {@code m} recording another object's size and digest under the same key. */
    private static Manifest withObject(Manifest m, byte[] stored) {
        Manifest.StoredObject o = m.object();
        return new Manifest(m.formatVersion(), m.id(), m.cluster(), m.etcd(), m.revision(), m.totalKeys(),
                m.dbSizeBytes(), m.dbSha256(), new Manifest.StoredObject(o.key(), stored.length, sha256(stored),
                o.partSizeBytes(), o.checksumAlgorithm(), o.parts()), m.compression(), m.timings(), m.tiers(), m.tool());
    }

    /** The golden manifest's shape with this snapshot's figures. */
    private static Manifest manifest() {
        Manifest t;
        try (InputStream in = SnapshotDownloadTest.class.getResourceAsStream("/manifest/manifest-v1.json")) {
            t = ManifestCodec.read(in.readAllBytes(), "manifest-v1.json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long revision = status.get("revision").asLong();
        byte[] db = Arrays.copyOf(file, file.length - 32);
        return new Manifest(t.formatVersion(), new SnapshotId(SnapshotId.parse(t.id()).time(), revision).toString(),
                t.cluster(), t.etcd(), revision, status.get("totalKey").asLong(), db.length, sha256(db),
                new Manifest.StoredObject(KEY, object.length, sha256(object), t.object().partSizeBytes(),
                        t.object().checksumAlgorithm(), t.object().parts()),
                t.compression(), t.timings(), t.tiers(), t.tool());
    }

    private static String sha256(byte[] bytes) {
        return SnapshotDigest.hex(SnapshotDigest.newSha256().digest(bytes));
    }
}
