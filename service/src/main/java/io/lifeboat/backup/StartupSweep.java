package io.lifeboat.backup;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.store.IncompleteUploadSweeper;
import io.lifeboat.store.S3Config;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, aborts this cluster's multipart uploads older than
 * {@code lifeboat.s3.abandoned-upload-age}: what a crashed or killed backup left. A bucket
 * that cannot be reached is logged, not fatal: the service stays up, reports it on
 * {@code /health}, and the next backup tries again.
 */
@Singleton
@Requires(property = "lifeboat.s3.sweep-on-start", notEquals = "false")
public class StartupSweep {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSweep.class);

    private final IncompleteUploadSweeper sweeper;
    private final BucketLayout layout;
    private final S3Config config;

    public StartupSweep(IncompleteUploadSweeper sweeper, BucketLayout layout, S3Config config) {
        this.sweeper = sweeper;
        this.layout = layout;
        this.config = config;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        sweep();
    }

    /** @return uploads aborted, or -1 if the bucket could not be swept */
    public long sweep() {
        try {
            Long swept = sweeper.sweep(layout.snapshotsPrefix(), Instant.now().minus(config.abandonedUploadAge()))
                    .block();
            if (swept != null && swept > 0) {
                LOG.info("aborted {} incomplete upload(s) left by earlier runs", swept);
            }
            return swept == null ? 0 : swept;
        } catch (RuntimeException e) {
            LOG.warn("could not sweep incomplete uploads: {}", e.getMessage());
            return -1;
        }
    }
}
