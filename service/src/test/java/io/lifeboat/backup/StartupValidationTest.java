package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration fails before any backup starts, with a message naming the key. Runs the
 * real {@code --once} entry point; nothing here reaches a network.
 */
class StartupValidationTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void once_withoutBucket_failsNamingTheBucketKey() {
        int code = once(Map.of());

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.s3.bucket").contains("LIFEBOAT_S3_BUCKET");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void once_partSizeBelowFiveMegabytes_failsNamingPartSize() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.s3.part-size", "1MB"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.s3.part-size");
    }

    @Test
    void once_unknownChecksum_failsListingTheChoices() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.s3.checksum", "md5"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.s3.checksum").contains("crc32c");
    }

    @Test
    void once_httpsEndpointWithoutCa_failsNamingCacert() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.etcd.endpoints", "https://127.0.0.1:2379"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.etcd.cacert");
    }

    @Test
    void once_endpointWithoutPort_failsNamingEndpoints() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.etcd.endpoints", "127.0.0.1"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.etcd.endpoints");
    }

    @Test
    void once_badClusterName_failsNamingCluster() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.cluster", "Prod Cluster"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.cluster");
    }

    @Test
    void once_zstdLevelOutOfRange_failsNamingZstd() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.zstd.level", "42"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.zstd").contains("1..19");
    }

    @Test
    void once_lockTtlBelowTwoSeconds_failsNamingTheKeyAndValue() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.lock.ttl", "1s"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.lock.ttl").contains("PT1S");
    }

    @Test
    void once_orphanAgeZero_failsNamingOrphanAge() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.s3.orphan-age", "0s"));

        assertThat(code).isEqualTo(OnceCommand.BAD_CONFIG);
        assertThat(stderr()).contains("lifeboat.s3.orphan-age = '0s'");
    }

    @Test
    void once_etcdUnreachable_exitsWithEtcdCodeAndNamesTheEndpoint() {
        int code = once(Map.of("lifeboat.s3.bucket", "b", "lifeboat.etcd.endpoints", "http://127.0.0.1:1",
                "lifeboat.etcd.connect-timeout", "2s", "lifeboat.s3.endpoint", "http://127.0.0.1:1",
                "lifeboat.s3.path-style", "true"));

        assertThat(code).isEqualTo(io.lifeboat.failure.FailureKind.ETCD_UNAVAILABLE.exitCode());
        assertThat(stderr()).contains("http://127.0.0.1:1").contains("etcd");
        assertThat(stdout()).isEmpty();
    }

    private int once(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("aws.accessKeyId", "unit-test");
        System.setProperty("aws.accessKeyId", "unit-test");
        System.setProperty("aws.secretAccessKey", "unit-test");
        return OnceCommand.run(new String[] {"--once"}, all,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
