package io.lifeboat.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.net.URI;
import java.time.Duration;

/**
 * {@code lifeboat.s3.*}: the bucket and how snapshots are uploaded to it. Credentials come
 * from the AWS SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, web
 * identity, instance role) and are never part of lifeboat's configuration.
 *
 * @param bucket bucket name (required)
 * @param prefix folder inside the bucket; each cluster gets {@code <prefix>/<cluster>/}
 * @param endpoint S3-compatible endpoint (MinIO, Ceph, S3Mock); unset for AWS
 * @param region signing region
 * @param pathStyle {@code endpoint/bucket} addressing, needed by most S3-compatible stores
 * @param checksum per-part checksum: crc32c, crc32, sha256, sha1 or off
 * @param partSize multipart part size, e.g. 16MB (minimum 5MB)
 * @param maxInFlightParts parts uploading at once; memory is about part-size × (this + 1)
 * @param partRetries retries of a failed part, from memory, before the upload is aborted
 * @param retryBackoff first wait between part retries (doubles each time)
 * @param apiCallTimeout limit for one S3 call other than a part upload (create, complete,
 *     abort, manifest reads and writes, listings)
 * @param partTimeout limit for one attempt at uploading one part; a frozen store fails a
 *     backup within about (part-retries + 1) × this
 * @param abandonedUploadAge incomplete uploads under the cluster's folder older than this are
 *     aborted at start-up (what a crash leaves behind)
 * @param orphanAge snapshot objects no manifest references and older than this are deleted at
 *     start-up and after each backup; must exceed the longest backup (S3 dates a multipart
 *     object by the start of its upload, and its manifest is written after it completes)
 * @param storageClass storage class snapshot objects are uploaded in (STANDARD, STANDARD_IA, ...)
 */
@ConfigurationProperties("lifeboat.s3")
public record S3Config(
        @Nullable String bucket,
        @Nullable String prefix,
        @Nullable URI endpoint,
        @Bindable(defaultValue = "us-east-1") String region,
        @Bindable(defaultValue = "false") boolean pathStyle,
        @Bindable(defaultValue = "crc32c") String checksum,
        @Bindable(defaultValue = "16MB") @ReadableBytes long partSize,
        @Bindable(defaultValue = "2") int maxInFlightParts,
        @Bindable(defaultValue = "3") int partRetries,
        @Bindable(defaultValue = "500ms") Duration retryBackoff,
        @Bindable(defaultValue = "2m") Duration apiCallTimeout,
        @Bindable(defaultValue = "1m") Duration partTimeout,
        @Bindable(defaultValue = "1h") Duration abandonedUploadAge,
        @Bindable(defaultValue = "1h") Duration orphanAge,
        @Bindable(defaultValue = "STANDARD") String storageClass) {
}
