package io.lifeboat.store;

import io.lifeboat.buffer.BufferPool;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.backup.BackupConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Wires core's bucket classes from {@code lifeboat.s3.*}; each constructor validates its keys. */
@Factory
public class StoreFactory {

    /** Taking the check makes every setting checked before this factory builds anything from one. */
    public StoreFactory(io.lifeboat.configuration.SettingsCheck checked) {
    }

    @Singleton
    S3Settings s3Settings(S3Config config) {
        return new S3Settings(config.bucket(), Optional.ofNullable(config.endpoint()), config.region(),
                config.pathStyle(), config.apiCallTimeout());
    }

    @Singleton
    UploadSettings uploadSettings(S3Config config) {
        ChecksumMode checksum;
        try {
            checksum = ChecksumMode.parse(config.checksum());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lifeboat.s3.checksum: " + e.getMessage(), e);
        }
        UploadSettings settings = new UploadSettings(config.partSize(), config.maxInFlightParts(), checksum,
                config.partRetries(), config.retryBackoff(), config.partTimeout(),
                UploadSettings.storageClass(config.storageClass()));
        MultipartUploader.requireDirectMemory(settings, BufferPool.maxDirectMemory());
        return settings;
    }

    @Singleton
    BucketLayout bucketLayout(S3Config s3, BackupConfig backup) {
        try {
            return new BucketLayout(s3.prefix(), backup.cluster());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lifeboat.cluster / lifeboat.s3.prefix: " + e.getMessage(), e);
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    ObjectStore objectStore(S3Settings settings) {
        return S3ObjectStore.open(settings);
    }

    @Singleton
    Catalog catalog(ObjectStore store, BucketLayout layout) {
        return new Catalog(store, layout);
    }

    @Singleton
    MultipartUploader multipartUploader(ObjectStore store, UploadSettings upload) {
        return new MultipartUploader(store, upload);
    }

    @Singleton
    IncompleteUploadSweeper sweeper(ObjectStore store) {
        return new IncompleteUploadSweeper(store);
    }
}
