package io.lifeboat.catalog;

import static io.lifeboat.catalog.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.S3Clients;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.S3ObjectStore;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The deleting half of retention against a real S3 server (S3Mock): snapshots A and B each on
 * their own object, the newest N on A's object, U unreadable; keeping only the last.
 */
@RealS3
class SnapshotPrunerIT {

    private static final RetentionPolicy LAST_ONE = new RetentionPolicy(1, 0, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void prune_deletesPrunedManifestsAndUnsharedObjects_andASecondPassFindsNothing(S3Bucket bucket) {
        BucketLayout layout = new BucketLayout("", "pruner");
        SnapshotId a = SnapshotId.parse("20250301T080000Z-r1");
        SnapshotId b = SnapshotId.parse("20250401T080000Z-r2");
        SnapshotId u = SnapshotId.parse("20250501T080000Z-r3");
        SnapshotId n = SnapshotId.parse("20250601T080000Z-r4");
        String objectA = layout.snapshotKey(a.time(), "aaaa");
        String objectB = layout.snapshotKey(b.time(), "bbbb");
        put(bucket, objectA, new byte[] {1});
        put(bucket, objectB, new byte[] {2});
        put(bucket, layout.manifestKey(a), ManifestCodec.write(manifest(a.toString(), 1, List.of(), objectA)));
        put(bucket, layout.manifestKey(b), ManifestCodec.write(manifest(b.toString(), 1, List.of(), objectB)));
        put(bucket, layout.manifestKey(n), ManifestCodec.write(manifest(n.toString(), 1, List.of(), objectA)));
        put(bucket, layout.manifestKey(u), "{".getBytes());
        S3Settings settings = new S3Settings(bucket.name(), Optional.of(bucket.endpoint()), "us-east-1", true,
                Duration.ofSeconds(30));
        try (S3AsyncClient client = S3Clients.async(settings)) {
            ObjectStore store = new S3ObjectStore(client, settings);
            Catalog catalog = new Catalog(store, layout);
            SnapshotPruner pruner = new SnapshotPruner(store, layout);

            List<SnapshotPruner.Pruned> pruned = pass(catalog, pruner);

            assertThat(pruned).extracting(p -> p.id()).containsExactly(b, a);
            assertThat(pruned.get(1).objectKeptBecause()).hasValue("kept snapshot " + n + " references it");
            assertThat(bucket.client().listObjectsV2Paginator(r -> r.bucket(bucket.name()).prefix("pruner/"))
                    .contents().stream().map(S3Object::key).toList())
                    .containsExactlyInAnyOrder(objectA, layout.manifestKey(n), layout.manifestKey(u));
            assertThat(pass(catalog, pruner)).isEmpty();
        }
    }

    private static List<SnapshotPruner.Pruned> pass(Catalog catalog, SnapshotPruner pruner) {
        List<CatalogEntry> entries = catalog.entries().collectList().block(Duration.ofSeconds(30));
        Decision decision = CatalogRetention.decide(entries, Instant.now(), LAST_ONE);
        return pruner.prune(entries, decision).block(Duration.ofSeconds(30));
    }

    private static void put(S3Bucket bucket, String key, byte[] bytes) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key(key), RequestBody.fromBytes(bytes));
    }
}
