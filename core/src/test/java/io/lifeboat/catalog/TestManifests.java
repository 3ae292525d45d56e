package io.lifeboat.catalog;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import java.util.List;

/** Valid manifests for catalog tests: one etcd member, one part, only id, size and tiers vary. */
final class TestManifests {

    private TestManifests() {
    }

    static Manifest manifest(String id) {
        return manifest(id, 1000, List.of());
    }

    static Manifest manifest(String id, long compressedBytes, List<String> tiers) {
        return manifest(id, compressedBytes, tiers, "backups/prod/snapshots/x.db.zst");
    }

    static Manifest manifest(String id, long compressedBytes, List<String> tiers, String objectKey) {
        SnapshotId snapshot = SnapshotId.parse(id);
        return new Manifest(Manifest.FORMAT_VERSION, id, "prod",
                new Manifest.EtcdSource("cdf818194e3a8c32", "8e9e05c52164694d", "cp-1", "3.5.16",
                        "https://127.0.0.1:2379", "registry.k8s.io/etcd:3.5.16-0"),
                snapshot.revision(), 100, 4096 * 10, "00".repeat(32),
                new Manifest.StoredObject(objectKey, compressedBytes, "11".repeat(32), 5_242_880,
                        "CRC32C", List.of(new Manifest.Part(1, compressedBytes, "4waSgw==", "\"e\""))),
                new Manifest.Compression("zstd", 3, 0),
                new Manifest.Timings(snapshot.time(), snapshot.time().plusSeconds(5), 5000),
                tiers, new Manifest.Tool("lifeboat", "0.1.0"));
    }
}
