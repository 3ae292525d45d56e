package io.lifeboat.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What lifeboat knows about one snapshot, written to the bucket after the snapshot object
 * was uploaded and checked. The manifest is the commit point: a snapshot object without a
 * manifest does not exist for lifeboat.
 *
 * <p>Encoded by {@link ManifestCodec}; {@link #FORMAT_VERSION} changes whenever a field's
 * meaning changes, so old readers refuse documents they would misread.
 *
 * @param formatVersion schema version of this document
 * @param id snapshot id, {@code 20261121T231500Z-r1234567}
 * @param cluster lifeboat cluster name (the bucket folder)
 * @param etcd the member the snapshot came from
 * @param revision etcd revision inside the snapshot (read from the bbolt bytes)
 * @param totalKeys key/value pairs in all bbolt buckets, as {@code etcdctl snapshot status}
 *     (3.4/3.5) counts them
 * @param dbSizeBytes size of the bbolt db, without etcd's 32-byte digest trailer
 * @param dbSha256 SHA-256 of the db bytes, equal to etcd's trailer (hex)
 * @param object the stored object
 * @param compression how the object was compressed
 * @param timings when it was taken and how long each part took
 * @param tiers retention tiers the snapshot is in (empty until retention has run)
 * @param tool the lifeboat that wrote it
 */
public record Manifest(
        int formatVersion,
        String id,
        String cluster,
        EtcdSource etcd,
        long revision,
        long totalKeys,
        long dbSizeBytes,
        String dbSha256,
        StoredObject object,
        Compression compression,
        Timings timings,
        List<String> tiers,
        Tool tool) {

    public static final int FORMAT_VERSION = 1;

    /** The same manifest under another id (the catalog's way around an id that is taken). */
    public Manifest withId(String newId) {
        return new Manifest(formatVersion, newId, cluster, etcd, revision, totalKeys, dbSizeBytes, dbSha256, object,
                compression, timings, tiers, tool);
    }

    /** The same snapshot with other retention tiers: what a retention pass rewrites, nothing else. */
    public Manifest withTiers(List<String> newTiers) {
        return new Manifest(formatVersion, id, cluster, etcd, revision, totalKeys, dbSizeBytes, dbSha256, object,
                compression, timings, newTiers, tool);
    }

    public Manifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(etcd, "etcd");
        Objects.requireNonNull(dbSha256, "dbSha256");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(tool, "tool");
        tiers = List.copyOf(tiers == null ? List.of() : tiers);
    }

    /**
     * The etcd member a snapshot was streamed from.
     *
     * @param clusterId etcd cluster id, hex as etcdctl prints it
     * @param memberId etcd member id, hex
     * @param memberName member name, empty if unknown
     * @param version etcd server version
     * @param endpoint the client URL used
     * @param image container image of that etcd when known (a restore should use the same)
     */
    public record EtcdSource(String clusterId, String memberId, String memberName, String version,
                             String endpoint, String image) {
        public EtcdSource {
            image = image == null ? "" : image;
        }
    }

    /**
     * The snapshot object in the bucket: the db bytes followed by etcd's 32-byte SHA-256
     * trailer (exactly what {@code etcdctl snapshot save} writes), zstd-compressed.
     *
     * @param key object key
     * @param sizeBytes compressed size
     * @param sha256 SHA-256 of the compressed object (hex)
     * @param partSizeBytes multipart part size used to upload it
     * @param checksumAlgorithm per-part checksum algorithm sent to S3 ({@code CRC32C}, ..., or {@code NONE})
     * @param parts every part, in order
     */
    public record StoredObject(String key, long sizeBytes, String sha256, long partSizeBytes,
                               String checksumAlgorithm, List<Part> parts) {
        public StoredObject {
            parts = List.copyOf(parts);
        }
    }

    /**
     * One multipart part.
     *
     * @param number 1-based part number
     * @param sizeBytes bytes in the part
     * @param checksum base64 checksum of the part in {@code checksumAlgorithm}, empty if none
     * @param etag the ETag S3 returned
     */
    public record Part(int number, long sizeBytes, String checksum, String etag) {
    }

    /** @param codec always {@code zstd} in format 1 */
    public record Compression(String codec, int level, int workers) {
    }

    /**
     * @param startedAt when the snapshot stream was requested from etcd
     * @param finishedAt when the object upload was completed and checked
     * @param durationMillis finishedAt - startedAt
     */
    public record Timings(Instant startedAt, Instant finishedAt, long durationMillis) {
    }

    /** @param name always {@code lifeboat} */
    public record Tool(String name, String version) {
    }
}
