package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.LeaseTimeToLiveResponse;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.FillResult;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 3 a.m. drill, end to end: a cluster full of Kubernetes-like data is backed up by the
 * service's pipeline, then lost (etcd stopped, its data deleted); the CLI restores the newest
 * snapshot from the bucket into a fresh dir, and etcd started on it serves exactly what the
 * source served at the snapshot's revision, key by key.
 */
@RealS3
class DisasterRecoveryDrillIT {

    private static final long DB_BYTES = 40L << 20;
    private static final long LEASE_TTL_SECONDS = 3600;

    @Test
    void restore_afterClusterLoss_etcdServesEveryKeyValueRevisionVersionAndLeaseOfTheSnapshot(
            S3Bucket bucket, @TempDir Path dir) throws Exception {
        Path sourceDir = dir.resolve("source");
        List<EtcdKeys.Entry> before;
        Manifest manifest;
        long leaseId;
        try (EtcdCluster source = EtcdCluster.start(1, sourceDir)) {
            String endpoint = source.clientEndpoints();
            KeyspaceGenerator generator = new KeyspaceGenerator();
            FillResult filled = generator.fill(endpoint, DB_BYTES, 7);
            leaseId = generator.putWithLease(endpoint, "/registry/leases/kube-system/drill",
                    "holder".getBytes(StandardCharsets.UTF_8), LEASE_TTL_SECONDS);
            generator.compact(endpoint, filled.lastRevision());
            manifest = ServiceBackup.backup(endpoint, bucket, "drill");
            try (EtcdKeys keys = new EtcdKeys(endpoint)) {
                before = keys.all(manifest.revision());
            }
            assertThat(filled.deletes()).isGreaterThan(0);
            assertThat(filled.liveKeys()).isGreaterThanOrEqualTo(10_000);
            assertThat(before).hasSize((int) filled.liveKeys() + 1);
        }
        deleteTree(sourceDir);
        assertThat(sourceDir).doesNotExist();

        int peerPort = EtcdOnDataDir.freePort();
        String peerUrl = "http://127.0.0.1:" + peerPort;
        Path dataDir = dir.resolve("restored/etcd");
        Files.createDirectories(dataDir.getParent());
        CliRun restore = CliRun.lifeboat(CliRun.env(bucket, "drill"), "restore", "latest",
                "--data-dir", dataDir.toString(), "--name", "drill", "--initial-cluster", "drill=" + peerUrl,
                "--initial-advertise-peer-urls", peerUrl, "--initial-cluster-token", "drill-token", "--verify-start");

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.out()).contains("restored " + manifest.id(), "etcd started on it served revision "
                + manifest.revision());
        assertThat(CliRun.lifeboatLeftovers(dataDir.getParent())).isEmpty();
        try (EtcdOnDataDir restored = new EtcdOnDataDir(dataDir, "drill", EtcdOnDataDir.freePort(), peerPort,
                dir.resolve("restored.log"));
             EtcdKeys keys = new EtcdKeys(restored.clientUrl())) {
            assertThat(keys.currentRevision()).isEqualTo(manifest.revision());
            List<EtcdKeys.Entry> after = keys.all(0);
            assertThat(after).hasSameSizeAs(before);
            assertThat(after).containsExactlyElementsOf(before);
            assertThat(after).filteredOn(e -> e.lease() == leaseId).hasSize(1);
            LeaseTimeToLiveResponse lease = keys.lease(leaseId);
            assertThat(lease.getGrantedTTL()).isEqualTo(LEASE_TTL_SECONDS);
            assertThat(lease.getTTL()).isPositive();
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
