package io.lifeboat.retention;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.catalog.Pruner;
import io.lifeboat.catalog.TierTags;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.S3Clients;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.S3ObjectStore;
import io.lifeboat.testing.S3Bucket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Snapshots written straight into a real bucket, as backups would have committed them (one small
 * object each and an untiered manifest pointing at it), and the service's retention pass over
 * that bucket with a fixed clock. No etcd: the pass runs as it does inside a backup's lock.
 */
record BucketSnapshots(S3Bucket bucket, BucketLayout layout) {

    /** Writes one snapshot per id, oldest first. */
    Map<SnapshotId, Manifest> write(List<SnapshotId> ids) {
        Map<SnapshotId, Manifest> written = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            SnapshotId id = ids.get(i);
            byte[] object = ("not really zstd: snapshot " + id).getBytes(StandardCharsets.UTF_8);
            String objectKey = layout.snapshotKey(id.time(), String.format("up%04d", i));
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id.toString(), layout.cluster(),
                    new Manifest.EtcdSource("cdf818194e3a8c32", "8e9e05c52164694d", "cp-1", "3.5.16",
                            "http://127.0.0.1:2379", ""),
                    id.revision(), 100, 40960, "00".repeat(32),
                    new Manifest.StoredObject(objectKey, object.length, "11".repeat(32), 5_242_880, "NONE",
                            List.of(new Manifest.Part(1, object.length, "", "\"e\""))),
                    new Manifest.Compression("zstd", 3, 0),
                    new Manifest.Timings(id.time(), id.time().plusSeconds(5), 5000),
                    List.of(), new Manifest.Tool("lifeboat", "0.1.0"));
            bucket.client().putObject(r -> r.bucket(bucket.name()).key(objectKey), RequestBody.fromBytes(object));
            bucket.client().putObject(r -> r.bucket(bucket.name()).key(layout.manifestKey(id)),
                    RequestBody.fromBytes(ManifestCodec.write(manifest)));
            written.put(id, manifest);
        }
        return written;
    }

    /** The service's pass over this bucket at {@code now}, with its own client. */
    Prune prune(RetentionConfig config, RetentionMetrics metrics, Instant now) {
        S3Settings settings = new S3Settings(bucket.name(), Optional.of(bucket.endpoint()), "us-east-1", true,
                Duration.ofSeconds(30));
        S3ObjectStore store = new S3ObjectStore(S3Clients.async(settings), settings);
        Pruner pruner = new Pruner(store, new Catalog(store, layout), new TierTags(store));
        // No etcd and no lock: underLock() is the pass a backup runs while it holds the lock.
        return new Prune(pruner, config, metrics, null, null, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Every manifest in the bucket, read back. */
    Map<SnapshotId, Manifest> manifests() {
        return bucket.client().listObjectsV2Paginator(r -> r.bucket(bucket.name()).prefix(layout.manifestsPrefix()))
                .contents().stream()
                .map(object -> ManifestCodec.read(bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name())
                        .key(object.key())).asByteArray(), object.key()))
                .collect(Collectors.toMap(m -> SnapshotId.parse(m.id()), Function.identity()));
    }

    /** Every key under the snapshots folder. */
    List<String> objectKeys() {
        return bucket.client().listObjectsV2Paginator(r -> r.bucket(bucket.name()).prefix(layout.snapshotsPrefix()))
                .contents().stream().map(S3Object::key).toList();
    }
}
