package io.lifeboat.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.catalog.Pruner;
import io.lifeboat.catalog.TierTags;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.S3ObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The service's pass never fails its caller: a bucket it cannot list is a counted failure and prunes nothing. */
class PruneTest {

    private static final RetentionConfig ON = new RetentionConfig(true, false, 10, 24, 31, 8, 12, 0, "UTC",
            "0 7 * * * *");
    private static final RetentionConfig OFF = new RetentionConfig(false, false, 10, 24, 31, 8, 12, 0, "UTC",
            "0 7 * * * *");

    /** Nothing listens on port 1: every call fails at once. */
    private final S3AsyncClient unreachable = S3AsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:1"))
            .region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(AnonymousCredentialsProvider.create())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(10)))
            .build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    void underLock_bucketCannotBeListed_completesEmptyAndCountsOneFailure() {
        Prune prune = prune(ON);

        assertThat(prune.underLock().blockOptional(Duration.ofSeconds(30))).isEmpty();

        assertThat(registry.get("lifeboat.retention.failures").counter().count()).isEqualTo(1);
        assertThat(registry.get("lifeboat.retention.pruned").counter().count()).isZero();
        assertThat(registry.get("lifeboat.retention.last.run.timestamp.seconds").gauge().value())
                .as("no pass listed the catalog").isZero();
    }

    @Test
    void underLock_retentionDisabled_makesNoCallAndCountsNothing() {
        Prune prune = prune(OFF);

        assertThat(prune.underLock().blockOptional(Duration.ofSeconds(5))).isEmpty();

        assertThat(registry.get("lifeboat.retention.failures").counter().count()).isZero();
    }

    @Test
    void metrics_everyTierIsRegisteredAtZeroBeforeThePass() {
        prune(ON);

        for (String tier : new String[] {"last", "hourly", "daily", "weekly", "monthly", "yearly", "none"}) {
            assertThat(registry.get("lifeboat.retention.snapshots").tag("tier", tier).gauge().value()).isZero();
            assertThat(registry.get("lifeboat.retention.bytes").tag("tier", tier).gauge().value()).isZero();
        }
    }

    private Prune prune(RetentionConfig config) {
        S3ObjectStore store = new S3ObjectStore(unreachable,
                new S3Settings("lifeboat", Optional.of(URI.create("http://127.0.0.1:1")), "us-east-1", true,
                        Duration.ofSeconds(10)));
        Pruner pruner = new Pruner(store, new Catalog(store, new BucketLayout("", "prod")), new TierTags(store));
        return new Prune(pruner, config, new RetentionMetrics(registry), null, null,
                Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
    }
}
