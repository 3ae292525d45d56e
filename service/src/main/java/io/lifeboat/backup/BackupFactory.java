package io.lifeboat.backup;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.compression.ZstdSettings;
import io.lifeboat.store.MultipartUploader;
import io.lifeboat.store.UploadSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.lifeboat.manifest.ToolVersion;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the backup pipeline. */
@Factory
public class BackupFactory {

    /** Taking the check makes every setting checked before this factory builds anything from one. */
    public BackupFactory(io.lifeboat.configuration.SettingsCheck checked) {
    }

    /**
     * Where checksums, bbolt indexing and zstd run: bounded, named, never a gRPC or Netty
     * event loop. Two threads suffice: one backup runs at a time, and zstd workers (if
     * configured) are zstd's own threads.
     */
    @Singleton
    @Bean(preDestroy = "dispose")
    @Named("lifeboat-cpu")
    Scheduler cpuScheduler() {
        return Schedulers.newBoundedElastic(2, 64, "lifeboat-cpu");
    }

    @Singleton
    ZstdSettings zstdSettings(ZstdConfig config) {
        try {
            return new ZstdSettings(config.level(), config.workers());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lifeboat.zstd: " + e.getMessage(), e);
        }
    }

    @Singleton
    BackupPipeline backupPipeline(BucketLayout layout, Catalog catalog, MultipartUploader uploader,
                                  UploadSettings upload, ZstdSettings zstd, @Named("lifeboat-cpu") Scheduler cpu) {
        return new BackupPipeline(layout, catalog, uploader, upload, zstd, cpu, Clock.systemUTC(),
                ToolVersion.current());
    }
}
