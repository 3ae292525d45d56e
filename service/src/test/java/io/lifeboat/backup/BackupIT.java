package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.etcd.EtcdProbe;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.store.ChecksumMode;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.Etcdctl;
import io.lifeboat.testing.EtcdctlStatus;
import io.lifeboat.testing.FillResult;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole backup against a real etcd and a real S3Mock: a 64 MiB db goes in, and what
 * comes out of the bucket is checked with etcd's own tools, not with lifeboat's.
 */
@RealEtcd
@RealS3
class BackupIT {

    private static final long DB_BYTES = 64L << 20;

    private static FillResult filled;
    private static ApplicationContext service;
    private static Manifest manifest;
    private static byte[] object;

    @BeforeAll
    static void backUpOnce(EtcdCluster etcd, S3Bucket bucket) {
        filled = new KeyspaceGenerator().fill(etcd.clientEndpoints(), DB_BYTES, 42);
        var properties = ServiceProperties.of(etcd, bucket);
        // This test is about the bytes. With the lock, its key (on a lease) would be in the snapshot,
        // and the restored etcd would expire that lease mid-test, moving its revision.
        properties.put("lifeboat.lock.enabled", "false");
        service = ApplicationContext.run(properties);
        manifest = service.getBean(BackupService.class).backup().block();
        object = bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name()).key(manifest.object().key()))
                .asByteArray();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void backup_64MiBDb_objectIsASnapshotThatEtcdctlReportsWithTheManifestRevision(@TempDir Path dir)
            throws Exception {
        Path db = decompressWithZstdTool(dir);

        EtcdctlStatus status = new Etcdctl().status(db);

        assertThat(manifest.dbSizeBytes()).isGreaterThanOrEqualTo(DB_BYTES);
        assertThat(status.revision()).isEqualTo(manifest.revision()).isEqualTo(filled.lastRevision());
        assertThat(status.totalKey()).isEqualTo(manifest.totalKeys());
        assertThat(status.totalSize()).isEqualTo(manifest.dbSizeBytes());
    }

    @Test
    void backup_64MiBDb_manifestAgreesWithTheStoredBytes(@TempDir Path dir) throws Exception {
        byte[] snapshot = Files.readAllBytes(decompressWithZstdTool(dir));
        byte[] dbBytes = Arrays.copyOf(snapshot, snapshot.length - 32);
        byte[] trailer = Arrays.copyOfRange(snapshot, snapshot.length - 32, snapshot.length);

        assertThat(manifest.object().sizeBytes()).isEqualTo(object.length);
        assertThat(manifest.object().sha256()).isEqualTo(sha256(object));
        assertThat(manifest.dbSizeBytes()).isEqualTo(dbBytes.length);
        assertThat(manifest.dbSha256()).isEqualTo(sha256(dbBytes)).isEqualTo(SnapshotDigest.hex(trailer));
        assertThat(manifest.object().checksumAlgorithm()).isEqualTo("CRC32C");
        assertPartsCover(manifest.object(), object);
        assertThat(manifest.etcd().version()).startsWith("3.");
        assertThat(manifest.etcd().memberId()).isNotBlank();
        assertThat(manifest.id()).endsWith("-r" + manifest.revision());
    }

    @Test
    void backup_64MiBDb_restoredByEtcdctlServesEveryKey(@TempDir Path dir, EtcdCluster source) throws Exception {
        Path db = decompressWithZstdTool(dir);

        try (EtcdCluster restored = EtcdCluster.restoreAndStart(db, dir.resolve("restored"));
             EtcdProbe original = new EtcdProbe(source.member(0).clientUrl());
             EtcdProbe copy = new EtcdProbe(restored.member(0).clientUrl())) {
            assertThat(copy.currentRevision()).isEqualTo(manifest.revision());
            assertThat(copy.countKeys(0)).isEqualTo(original.countKeys(manifest.revision()))
                    .isEqualTo(filled.liveKeys());
            assertThat(copy.hashKv(manifest.revision())).isEqualTo(original.hashKv(manifest.revision()));
        }
    }

    private static void assertPartsCover(Manifest.StoredObject stored, byte[] bytes) {
        List<Manifest.Part> parts = stored.parts();
        assertThat(parts).hasSize((int) ((bytes.length + stored.partSizeBytes() - 1) / stored.partSizeBytes()));
        int offset = 0;
        for (int i = 0; i < parts.size(); i++) {
            Manifest.Part part = parts.get(i);
            assertThat(part.number()).isEqualTo(i + 1);
            assertThat(part.checksum()).isEqualTo(ChecksumMode.CRC32C.compute(bytes, offset, (int) part.sizeBytes()));
            offset += (int) part.sizeBytes();
        }
        assertThat(offset).isEqualTo(bytes.length);
    }

    /** The operator's way: the zstd command, not lifeboat's decoder. */
    private static Path decompressWithZstdTool(Path dir) throws IOException, InterruptedException {
        Path compressed = dir.resolve("snapshot.db.zst");
        Path db = dir.resolve("snapshot.db");
        Files.write(compressed, object);
        Process zstd = new ProcessBuilder("zstd", "-d", "-q", "-f", compressed.toString(), "-o", db.toString())
                .redirectErrorStream(true).start();
        assertThat(zstd.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(zstd.exitValue()).as(new String(zstd.getInputStream().readAllBytes())).isZero();
        return db;
    }

    private static String sha256(byte[] bytes) {
        return SnapshotDigest.hex(SnapshotDigest.newSha256().digest(bytes));
    }
}
