package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.coordination.SkipReason;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Three instances on one 3-member cluster, each on its own member as a DaemonSet pod would be,
 * all with the same cron: every tick yields exactly one snapshot, nothing is overwritten or
 * orphaned, and followers take the snapshots.
 */
@RealEtcd(members = 3)
@RealS3
class OneWriterIT {

    private static final Logger LOG = LoggerFactory.getLogger(OneWriterIT.class);
    private static final int TICKS = 10;
    private static final Duration PERIOD = Duration.ofSeconds(5);

    @Test
    void schedule_threeInstancesSameCron_oneSnapshotPerTickMostlyFromFollowers(EtcdCluster etcd, S3Bucket bucket)
            throws InterruptedException {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 1L << 20, 21);
        List<ApplicationContext> instances = new ArrayList<>();
        List<BackupMetrics> metrics = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                instances.add(ApplicationContext.run(instance(etcd, bucket, i)));
                metrics.add(instances.get(i).getBean(BackupMetrics.class));
            }
            awaitManifests(instances.get(0).getBean(Catalog.class), TICKS, Duration.ofMinutes(4));
            awaitQuietMoment();
        } finally {
            instances.forEach(ApplicationContext::close);
        }
        List<Manifest> manifests;
        BucketLayout layout;
        try (ApplicationContext reader = ApplicationContext.run(reader(etcd, bucket))) {
            manifests = reader.getBean(Catalog.class).list().collectList().block();
            layout = reader.getBean(BucketLayout.class);
        }
        String leader = Long.toHexString(leaderId(etcd));

        Set<Instant> ticks = manifests.stream().map(m -> tickOf(m.timings().startedAt())).collect(Collectors.toSet());
        Set<String> manifestObjects = manifests.stream().map(m -> m.object().key()).collect(Collectors.toSet());
        List<String> objects = bucket.client().listObjectsV2Paginator(r -> r.bucket(bucket.name())
                .prefix(layout.snapshotsPrefix())).contents().stream().map(S3Object::key).toList();
        long fromFollowers = manifests.stream().filter(m -> !m.etcd().memberId().equals(leader)).count();
        double skipped = metrics.stream().mapToDouble(m -> m.skipCount(SkipReason.LOCK_HELD) + m.skipCount(SkipReason.ALREADY_TAKEN)).sum();
        LOG.info("{} snapshots in {} ticks, {} from followers (leader {}), {} skips", manifests.size(), ticks.size(),
                fromFollowers, leader, skipped);

        assertThat(manifests).as("snapshots").hasSizeGreaterThanOrEqualTo(TICKS);
        assertThat(ticks).as("ticks with a snapshot: one snapshot each").hasSameSizeAs(manifests);
        assertThat(objects).as("snapshot objects: one per manifest, none overwritten, none orphaned")
                .hasSameSizeAs(manifests).containsExactlyInAnyOrderElementsOf(manifestObjects);
        assertThat(bucket.client().listMultipartUploads(r -> r.bucket(bucket.name())).uploads())
                .as("incomplete uploads").isEmpty();
        assertThat(fromFollowers).as("snapshots taken from followers").isGreaterThan(manifests.size() / 2);
        assertThat(skipped).as("ticks left to another instance").isGreaterThanOrEqualTo(manifests.size());
        for (BackupMetrics instance : metrics) {
            for (FailureKind kind : BackupMetrics.BACKUP_FAILURES) {
                assertThat(instance.failureCount(kind)).as("failures (%s): losing the race is not one", kind).isZero();
            }
        }
    }

    /** Instance {@code i} lists its own member first, then the others, as a pod on that node would. */
    private static Map<String, Object> instance(EtcdCluster etcd, S3Bucket bucket, int i) {
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        String endpoints = Stream.concat(Stream.of(etcd.member(i).clientUrl()),
                etcd.members().stream().map(m -> m.clientUrl()).filter(url -> !url.equals(etcd.member(i).clientUrl())))
                .collect(Collectors.joining(","));
        properties.put("lifeboat.etcd.endpoints", endpoints);
        properties.put("lifeboat.cluster", "onewriter");
        properties.put("lifeboat.schedule.enabled", "true");
        properties.put("lifeboat.schedule.cron", "*/5 * * * * *");
        return properties;
    }

    /** Reads the bucket after the instances are gone: no schedule, no sweep. */
    private static Map<String, Object> reader(EtcdCluster etcd, S3Bucket bucket) {
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", "onewriter");
        properties.put("lifeboat.s3.sweep-on-start", "false");
        return properties;
    }

    private static void awaitManifests(Catalog catalog, int count, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Manifest> manifests = catalog.list().collectList().block();
        while (manifests.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            manifests = catalog.list().collectList().block();
        }
    }

    /**
     * Waits until 3 s into a period: the tick's snapshot is stored and the leader's instance (2 s
     * head start) has tried and skipped, so closing cuts off no upload and no lock attempt.
     */
    private static void awaitQuietMoment() throws InterruptedException {
        long intoPeriod = System.currentTimeMillis() % PERIOD.toMillis();
        Thread.sleep(Math.floorMod(3_000 - intoPeriod, PERIOD.toMillis()));
    }

    /** The tick a snapshot belongs to: backups start well within a period of their tick. */
    private static Instant tickOf(Instant started) {
        long period = PERIOD.toMillis();
        return Instant.ofEpochMilli(started.toEpochMilli() / period * period);
    }

    private static long leaderId(EtcdCluster etcd) {
        URI uri = URI.create(etcd.member(0).clientUrl());
        ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext()
                .proxyDetector(address -> null).build();
        try {
            return MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .status(StatusRequest.getDefaultInstance()).getLeader();
        } finally {
            channel.shutdownNow();
        }
    }
}
