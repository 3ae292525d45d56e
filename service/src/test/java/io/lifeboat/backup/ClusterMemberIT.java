package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.etcd.EtcdProbe;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 3-member cluster with its first listed member down: the backup comes from the next member
 * that answers, and the manifest says which member that was.
 */
@RealEtcd(members = 3)
@RealS3
class ClusterMemberIT {

    @Test
    void backup_firstEndpointDown_snapshotsTheNextMemberAndRecordsIt(EtcdCluster etcd, S3Bucket bucket) {
        long revision = new KeyspaceGenerator().fill(etcd.clientEndpoints(), 2L << 20, 13).lastRevision();
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.etcd.connect-timeout", "2s");
        etcd.member(0).stop();
        etcd.awaitHealthy();

        try (ApplicationContext service = ApplicationContext.run(properties);
             EtcdProbe probe = new EtcdProbe(etcd.member(1).clientUrl())) {
            Manifest manifest = service.getBean(BackupService.class).backup().block();

            assertThat(manifest.etcd().endpoint()).isEqualTo(etcd.member(1).clientUrl());
            assertThat(manifest.etcd().memberName()).isEqualTo(etcd.member(1).name());
            // The snapshot holds every write up to the lock's; releasing the lock (revoking its lease
            // deletes the key) is the one write after it.
            assertThat(manifest.revision()).isEqualTo(probe.currentRevision() - 1).isGreaterThan(revision);
        } finally {
            etcd.member(0).start();
        }
    }
}
