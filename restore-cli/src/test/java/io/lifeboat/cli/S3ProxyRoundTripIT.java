package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.store.StoreException;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3Proxy;
import io.lifeboat.testing.S3Bucket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lifeboat on a less capable S3-compatible store (S3Proxy 2.6.0 over a filesystem blobstore): with
 * {@code lifeboat.s3.checksum=off} and path-style, the service's backup, the CLI's list, verify and
 * restore all work; with checksums on, the store refuses the first request and the backup fails with
 * a StoreException that names the bucket and the store's answer.
 */
@RealEtcd
@RealS3Proxy
class S3ProxyRoundTripIT {

    private static final String CLUSTER = "proxied";
    private static final long DB_BYTES = 8L << 20;

    private static Manifest manifest;
    private static Map<String, String> env;

    @BeforeAll
    static void backUpWithoutChecksums(EtcdCluster etcd, S3Bucket bucket) {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), DB_BYTES, 11);
        manifest = ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER, Map.of("lifeboat.s3.checksum", "off"));
        env = CliRun.env(bucket, CLUSTER);
    }

    @Test
    void backup_checksumOff_storesTheWholeSnapshotWithoutPartChecksums(S3Bucket bucket) {
        long stored = bucket.client().headObject(r -> r.bucket(bucket.name()).key(manifest.object().key()))
                .contentLength();

        assertThat(manifest.object().checksumAlgorithm()).isEqualTo("NONE");
        assertThat(manifest.object().parts()).isNotEmpty().allMatch(part -> part.checksum().isEmpty());
        assertThat(stored).isEqualTo(manifest.object().sizeBytes());
        assertThat(manifest.dbSizeBytes()).isGreaterThanOrEqualTo(DB_BYTES);
    }

    @Test
    void list_afterBackup_showsTheSnapshotWithItsRevision() {
        CliRun run = CliRun.lifeboat(env, "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("ID").contains(manifest.id() + "  ", " " + manifest.revision() + "  ");
    }

    @Test
    void verifyLatest_checksumOff_readsEveryByteAndExitsZero() {
        CliRun run = CliRun.lifeboat(env, "verify", "latest");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("OK " + manifest.id());
    }

    @Test
    void restoreLatest_checksumOff_buildsTheDataDir(@TempDir Path dir) {
        Path target = dir.resolve("etcd");

        CliRun run = CliRun.lifeboat(env, "restore", "latest", "--data-dir", target.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("restored " + manifest.id());
        assertThat(target.resolve("member/snap/db")).isRegularFile();
        assertThat(target.resolve("member/wal")).isDirectory();
        assertThat(CliRun.lifeboatLeftovers(dir)).isEmpty();
    }

    /**
     * S3Proxy answers 501 NotImplemented ("A header you provided implies functionality that is not
     * implemented") to CreateMultipartUpload with x-amz-checksum-algorithm, so the backup fails before
     * any part is sent and leaves the bucket as it was.
     */
    @Test
    void backup_checksumCrc32c_failsWithStoreExceptionNamingTheRefusal(EtcdCluster etcd, S3Bucket bucket) {
        List<String> before = keys(bucket);

        Throwable failure = catchThrowable(() -> ServiceBackup.backup(etcd.clientEndpoints(), bucket, CLUSTER,
                Map.of("lifeboat.s3.checksum", "crc32c")));

        assertThat(failure).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot start the upload of")
                .hasMessageContaining("in s3://" + bucket.name())
                .hasMessageContaining("not implemented")
                .hasMessageContaining("501")
                .hasMessageContaining("set lifeboat.s3.checksum=off");
        assertThat(keys(bucket)).isEqualTo(before);
        assertThat(bucket.client().listMultipartUploads(r -> r.bucket(bucket.name())).uploads()).isEmpty();
    }

    private static List<String> keys(S3Bucket bucket) {
        return bucket.client().listObjectsV2Paginator(r -> r.bucket(bucket.name())).contents().stream()
                .map(S3Object::key).sorted().toList();
    }
}
