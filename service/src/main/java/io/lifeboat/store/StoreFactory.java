package io.lifeboat.store;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.backup.BackupConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3AsyncClient;

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
        return new UploadSettings(config.partSize(), config.maxInFlightParts(), checksum, config.partRetries(),
                config.retryBackoff(), config.partTimeout(), UploadSettings.storageClass(config.storageClass()));
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
    S3AsyncClient s3Client(S3Settings settings) {
        return S3Clients.async(settings);
    }

    @Singleton
    S3Store s3Store(S3AsyncClient client, S3Settings settings) {
        return new S3Store(client, settings);
    }

    @Singleton
    Catalog catalog(S3Store store, BucketLayout layout) {
        return new Catalog(store, layout);
    }

    @Singleton
    AbortBacklog abortBacklog() {
        return new AbortBacklog();
    }

    @Singleton
    MultipartUploader multipartUploader(S3AsyncClient client, S3Settings settings, UploadSettings upload,
                                        AbortBacklog backlog) {
        return new MultipartUploader(client, settings.bucket(), upload, backlog);
    }

    @Singleton
    IncompleteUploadSweeper sweeper(S3AsyncClient client, S3Settings settings) {
        return new IncompleteUploadSweeper(client, settings.bucket());
    }
}
