package io.lifeboat.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips through the golden file; strictness lives in {@link ManifestStrictnessTest}. */
class ManifestCodecTest {

    static final String GOLDEN = "/manifest/manifest-v1.json";

    static final Manifest EXPECTED = new Manifest(
            1,
            "20261121T231500Z-r1234567",
            "homelab",
            new Manifest.EtcdSource("cdf818194e3a8c32", "8e9e05c52164694d", "cp-1", "3.5.16",
                    "https://127.0.0.1:2379", "registry.k8s.io/etcd:3.5.16-0"),
            1_234_567,
            2841,
            12_607_488,
            "5d41e2a3c8f1b07e9a6c34d2f0e8b71a9c3d5e7f2a4b6c8d0e1f3a5b7c9d1e2f",
            new Manifest.StoredObject(
                    "backups/homelab/snapshots/2026/11/21/20261121T231500Z-k3x9q2m7.db.zst",
                    11_534_337,
                    "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                    5_242_880,
                    "CRC32C",
                    List.of(new Manifest.Part(1, 5_242_880, "yZRlqg==", "\"9b2cf535f27731c974343645a3985328\""),
                            new Manifest.Part(2, 5_242_880, "4waSgw==", "\"1f3870be274f6c49b3e31a0c6728957f\""),
                            new Manifest.Part(3, 1_048_577, "Aw8xZQ==", "\"e4da3b7fbbce2345d7772b0674a318d5\""))),
            new Manifest.Compression("zstd", 3, 0),
            new Manifest.Timings(Instant.parse("2026-11-21T23:15:00.412Z"), Instant.parse("2026-11-21T23:15:07.930Z"),
                    7518),
            List.of("last", "hourly", "daily"),
            new Manifest.Tool("lifeboat", "0.1.0"));

    @Test
    void read_goldenFile_equalsTheExpectedManifest() {
        assertThat(ManifestCodec.read(golden(), GOLDEN)).isEqualTo(EXPECTED);
    }

    @Test
    void write_expectedManifest_isByteForByteTheGoldenFile() {
        assertThat(new String(ManifestCodec.write(EXPECTED), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden(), StandardCharsets.UTF_8));
        assertThat(ManifestCodec.write(EXPECTED)).isEqualTo(golden());
    }

    @Test
    void writeThenRead_manifestWithoutTiers_roundTrips() {
        Manifest untiered = withTiers(null);

        Manifest read = ManifestCodec.read(ManifestCodec.write(untiered), "memory");

        assertThat(read).isEqualTo(untiered);
        assertThat(read.tiers()).isEmpty();
    }

    // EtcdSource documents image as "when known"; the service writes what it knows, so an
    // unknown image must survive a write and a read, or the snapshot cannot be restored.
    @Test
    void writeThenRead_unknownEtcdImage_roundTrips() {
        Manifest.EtcdSource noImage = new Manifest.EtcdSource("cdf818194e3a8c32", "8e9e05c52164694d", "cp-1",
                "3.5.16", "https://127.0.0.1:2379", null);
        Manifest written = new Manifest(1, EXPECTED.id(), EXPECTED.cluster(), noImage, EXPECTED.revision(),
                EXPECTED.totalKeys(), EXPECTED.dbSizeBytes(), EXPECTED.dbSha256(), EXPECTED.object(),
                EXPECTED.compression(), EXPECTED.timings(), EXPECTED.tiers(), EXPECTED.tool());

        Manifest read = ManifestCodec.read(ManifestCodec.write(written), "memory");

        assertThat(read.id()).isEqualTo(written.id());
        assertThat(read.etcd().image()).isNullOrEmpty();
    }

    @Test
    void construct_tiersAreCopied() {
        List<String> tiers = new ArrayList<>(List.of("daily"));
        Manifest manifest = withTiers(tiers);

        tiers.add("monthly");

        assertThat(manifest.tiers()).containsExactly("daily");
    }

    private static Manifest withTiers(List<String> tiers) {
        return new Manifest(EXPECTED.formatVersion(), EXPECTED.id(), EXPECTED.cluster(), EXPECTED.etcd(),
                EXPECTED.revision(), EXPECTED.totalKeys(), EXPECTED.dbSizeBytes(), EXPECTED.dbSha256(),
                EXPECTED.object(), EXPECTED.compression(), EXPECTED.timings(), tiers, EXPECTED.tool());
    }

    static byte[] golden() {
        try (InputStream in = ManifestCodecTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
