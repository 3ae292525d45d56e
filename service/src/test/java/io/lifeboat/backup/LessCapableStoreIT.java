package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.Etcdctl;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3Proxy;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The whole service on S3Proxy, the stand-in for a less capable store (no x-amz-checksum-*
 * headers, no object tagging): with {@code lifeboat.s3.checksum=off} its start-up sweep, backups
 * and their retention passes all succeed, and the missing tagging is one warning for the life of
 * the service, not one per backup. The CLI's verify and restore of
 * such a backup are {@code S3ProxyRoundTripIT} (restore-cli).
 */
@RealEtcd
@RealS3Proxy
class LessCapableStoreIT {

    @Test
    void backups_storeWithoutChecksumsOrTagging_succeed_recordTiers_andWarnOnceAboutTagging(EtcdCluster etcd,
                                                                                                   S3Bucket bucket) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.s3.checksum", "off");
        properties.put("lifeboat.cluster", "less-capable");
        List<Manifest> stored = new ArrayList<>();
        Etcdctl etcdctl = new Etcdctl();
        try (ApplicationContext service = ApplicationContext.run(properties)) {
            BackupService backups = service.getBean(BackupService.class);
            for (int i = 0; i < 3; i++) {
                etcdctl.put(etcd.clientEndpoints().split(",")[0], "/registry/k" + i, "v" + i);
                stored.add(backups.backup().block());
            }
        } finally {
            root.detachAppender(log);
        }

        assertThat(stored).hasSize(3).allSatisfy(m -> assertThat(m.object().checksumAlgorithm()).isEqualTo("NONE"));
        List<Manifest> inBucket = bucket.client().listObjectsV2(r -> r.bucket(bucket.name())
                        .prefix("less-capable/manifests/")).contents().stream()
                .map(o -> ManifestCodec.read(bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name()).key(o.key()))
                        .asByteArray(), o.key()))
                .toList();
        assertThat(inBucket).extracting(Manifest::id).containsExactlyInAnyOrderElementsOf(
                stored.stream().map(Manifest::id).toList());
        assertThat(inBucket).as("the retention passes recorded tiers without tags").allSatisfy(
                m -> assertThat(m.tiers()).contains("last"));
        List<String> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).filteredOn(w -> w.contains("does not implement object tagging")).hasSize(1);
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
    }
}
