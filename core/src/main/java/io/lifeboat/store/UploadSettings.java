package io.lifeboat.store;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * How a snapshot object is uploaded.
 *
 * <p>Heap used by an upload is about {@code partSizeBytes × (maxInFlightParts + 1)}: the parts
 * being sent plus the one being filled. Each part is kept until S3 acknowledges it, so a
 * failed part is resent from memory, never re-read from etcd.
 *
 * @param partSizeBytes bytes per multipart part; S3 requires at least 5 MiB (but the last)
 * @param maxInFlightParts parts uploading at once
 * @param checksum per-part checksum sent to S3
 * @param partRetries retries of one failed part before the upload is aborted
 * @param retryBackoff first backoff between part retries (doubles, with jitter)
 * @param partTimeout limit for one attempt at one part: a store that stops answering (frozen,
 *     partitioned) fails the upload within about {@code (partRetries + 1) × partTimeout}
 * @param storageClass the storage class new snapshot objects are created in
 *     ({@code lifeboat.s3.storage-class}); lifecycle rules move them on by tier later
 */
public record UploadSettings(long partSizeBytes, int maxInFlightParts, ChecksumMode checksum,
                             int partRetries, Duration retryBackoff, Duration partTimeout,
                             StorageClass storageClass) {

    /** In the bucket's default class, STANDARD. */
    public UploadSettings(long partSizeBytes, int maxInFlightParts, ChecksumMode checksum, int partRetries,
                          Duration retryBackoff, Duration partTimeout) {
        this(partSizeBytes, maxInFlightParts, checksum, partRetries, retryBackoff, partTimeout, StorageClass.STANDARD);
    }

    /** {@code lifeboat.s3.part-timeout}'s default. */
    public static final Duration DEFAULT_PART_TIMEOUT = Duration.ofMinutes(1);

    public static final long MIN_PART_SIZE_BYTES = 5L * 1024 * 1024;
    /** Parts are heap arrays; 512 MiB keeps one part far from the JVM's array limit. */
    public static final long MAX_PART_SIZE_BYTES = 512L * 1024 * 1024;

    public UploadSettings {
        if (partSizeBytes < MIN_PART_SIZE_BYTES || partSizeBytes > MAX_PART_SIZE_BYTES) {
            throw new IllegalArgumentException("lifeboat.s3.part-size must be between 5MB and 512MB"
                    + " (binary units: S3's minimum part is 5 MiB), was " + partSizeBytes + " bytes");
        }
        if (maxInFlightParts < 1 || maxInFlightParts > 64) {
            throw new IllegalArgumentException("lifeboat.s3.max-in-flight-parts must be 1..64, was " + maxInFlightParts);
        }
        if (checksum == null) {
            throw new IllegalArgumentException("lifeboat.s3.checksum must be set");
        }
        if (partRetries < 0 || partRetries > 20) {
            throw new IllegalArgumentException("lifeboat.s3.part-retries must be 0..20, was " + partRetries);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("lifeboat.s3.retry-backoff must be >= 0");
        }
        if (partTimeout == null || partTimeout.isNegative() || partTimeout.isZero()) {
            throw new IllegalArgumentException("lifeboat.s3.part-timeout must be positive, was " + partTimeout);
        }
        if (storageClass == null || storageClass == StorageClass.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("lifeboat.s3.storage-class must be one of " + storageClasses());
        }
    }

    /** {@code lifeboat.s3.storage-class}: one of the SDK's storage class names (STANDARD, STANDARD_IA, ...), any case. */
    public static StorageClass storageClass(String text) {
        StorageClass parsed = StorageClass.fromValue(text.strip().toUpperCase(Locale.ROOT));
        if (parsed == null || parsed == StorageClass.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("must be one of " + storageClasses());
        }
        return parsed;
    }

    private static String storageClasses() {
        return StorageClass.knownValues().stream().map(StorageClass::toString).sorted()
                .collect(Collectors.joining(", "));
    }
}
