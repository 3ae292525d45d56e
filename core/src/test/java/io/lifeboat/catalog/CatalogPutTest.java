package io.lifeboat.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.store.InMemoryS3Client;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.S3Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A manifest write never overwrites another snapshot's manifest. */
class CatalogPutTest {

    private final InMemoryS3Client s3 = new InMemoryS3Client();
    private final BucketLayout layout = new BucketLayout("backups", "prod");
    private final Catalog catalog = new Catalog(
            new S3Store(s3, new S3Settings("lifeboat", Optional.empty(), "us-east-1", true, Duration.ofSeconds(30))),
            layout);

    @Test
    void put_idAlreadyTaken_commitsUnderTheNextFreeSecondAndLeavesTheFirstUntouched() {
        Manifest first = manifest("20261121T231500Z-r42", "first-object");
        Manifest second = manifest("20261121T231500Z-r42", "second-object");
        s3.objects.put("backups/prod/manifests/20261121T231501Z-r42.json", "taken too".getBytes());

        Manifest committedFirst = catalog.put(first).block(Duration.ofSeconds(10));
        Manifest committedSecond = catalog.put(second).block(Duration.ofSeconds(10));

        assertThat(committedFirst.id()).isEqualTo("20261121T231500Z-r42");
        assertThat(committedSecond.id()).isEqualTo("20261121T231502Z-r42");
        assertThat(committedSecond.object().key()).isEqualTo("second-object");
        assertThat(s3.objects.get("backups/prod/manifests/20261121T231500Z-r42.json"))
                .isEqualTo(ManifestCodec.write(first));
        assertThat(s3.objects.get("backups/prod/manifests/20261121T231502Z-r42.json"))
                .isEqualTo(ManifestCodec.write(second.withId("20261121T231502Z-r42")));
        assertThat(new String(s3.objects.get("backups/prod/manifests/20261121T231501Z-r42.json"))).isEqualTo("taken too");
    }

    private static Manifest manifest(String id, String objectKey) {
        Instant t = Instant.parse("2026-11-21T23:15:00Z");
        return new Manifest(Manifest.FORMAT_VERSION, id, "prod",
                new Manifest.EtcdSource("c1", "m1", "node-1", "3.4.23", "http://127.0.0.1:2379", ""), 42, 100, 4096,
                "ab".repeat(32), new Manifest.StoredObject(objectKey, 10, "cd".repeat(32), 5L << 20, "CRC32C",
                        List.of(new Manifest.Part(1, 10, "AAAAAA==", "\"e\""))),
                new Manifest.Compression("zstd", 3, 0), new Manifest.Timings(t, t.plusSeconds(1), 1000), List.of(),
                new Manifest.Tool("lifeboat", "test"));
    }
}
