package io.lifeboat.cli;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.testing.S3Bucket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Damaged copies of a good snapshot, written into the bucket next to it: another object, and
 * a manifest (with its own id) that points at it. What a bit flip, a cut upload or an edited
 * manifest would leave in a real bucket.
 */
final class Tampering {

    private final S3Bucket bucket;
    private final BucketLayout layout;
    private final Manifest good;
    private final byte[] object;
    private final AtomicInteger copies = new AtomicInteger();

    Tampering(S3Bucket bucket, String cluster, Manifest good) {
        this.bucket = bucket;
        this.layout = new BucketLayout("", cluster);
        this.good = good;
        this.object = bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name()).key(good.object().key()))
                .asByteArray();
    }

    byte[] object() {
        return object.clone();
    }

    /** Stores {@code bytes} as a new object and a manifest for it, as stored (recordSizes false) or re-recorded. */
    Manifest storeObject(byte[] bytes, boolean recordNewDigest) {
        String key = layout.snapshotsPrefix() + "tampered/" + copies.incrementAndGet() + ".db.zst";
        bucket.client().putObject(r -> r.bucket(bucket.name()).key(key), RequestBody.fromBytes(bytes));
        Manifest.StoredObject o = good.object();
        Manifest.StoredObject stored = recordNewDigest
                ? new Manifest.StoredObject(key, bytes.length, sha256(bytes), o.partSizeBytes(), o.checksumAlgorithm(),
                        o.parts())
                : new Manifest.StoredObject(key, o.sizeBytes(), o.sha256(), o.partSizeBytes(), o.checksumAlgorithm(),
                        o.parts());
        return storeManifest(with(good, nextId(good.revision()), good.revision(), good.totalKeys(), good.dbSha256(),
                stored));
    }

    /**
     * The good snapshot file (db + etcd's trailer) decompressed, changed by {@code edit},
     * compressed again and stored with a manifest that records the new object's size and
     * SHA-256: damage done before compression, which neither zstd's checksum nor the object's
     * digest can see; only the db's SHA-256 (against the trailer and the manifest) can.
     */
    Manifest storeEditedSnapshotFile(Consumer<byte[]> edit) {
        byte[] file;
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(object))) {
            file = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        edit.accept(file);
        return storeObject(Zstd.compress(file, 3), true);
    }

    /** A manifest for the good object whose figures were edited. */
    Manifest storeEdited(long revision, long totalKeys, String dbSha256, String objectSha256, boolean idAgrees) {
        Manifest.StoredObject o = good.object();
        String id = nextId(idAgrees ? revision : good.revision());
        return storeManifest(with(good, id, revision, totalKeys, dbSha256,
                new Manifest.StoredObject(o.key(), o.sizeBytes(), objectSha256, o.partSizeBytes(),
                        o.checksumAlgorithm(), o.parts())));
    }

    /** A manifest for an object that is not in the bucket. */
    Manifest storeMissingObject() {
        Manifest.StoredObject o = good.object();
        return storeManifest(with(good, nextId(good.revision()), good.revision(), good.totalKeys(), good.dbSha256(),
                new Manifest.StoredObject(o.key() + ".gone", o.sizeBytes(), o.sha256(), o.partSizeBytes(),
                        o.checksumAlgorithm(), o.parts())));
    }

    Manifest storeManifest(Manifest m) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key(layout.manifestKey(SnapshotId.parse(m.id()))),
                RequestBody.fromBytes(ManifestCodec.write(m)));
        return m;
    }

    /** Ids later than the good one, one second apart, so `latest` is never what a test means by accident. */
    private String nextId(long revision) {
        return new SnapshotId(SnapshotId.parse(good.id()).time().plusSeconds(copies.incrementAndGet()), revision)
                .toString();
    }

    static Manifest with(Manifest m, String id, long revision, long totalKeys, String dbSha256,
                         Manifest.StoredObject object) {
        return new Manifest(m.formatVersion(), id, m.cluster(), m.etcd(), revision, totalKeys, m.dbSizeBytes(), dbSha256,
                object, m.compression(), m.timings(), m.tiers(), m.tool());
    }

    static String sha256(byte[] bytes) {
        return SnapshotDigest.hex(SnapshotDigest.newSha256().digest(bytes));
    }
}
