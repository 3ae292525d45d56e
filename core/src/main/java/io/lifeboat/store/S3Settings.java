package io.lifeboat.store;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the bucket is and how to talk to it. Credentials are not here: they come from the
 * AWS SDK's default chain (environment, profile, web identity, instance role), so they never
 * pass through lifeboat's configuration or logs.
 *
 * @param bucket bucket name
 * @param endpoint S3-compatible endpoint, empty for AWS S3
 * @param region signing region
 * @param pathStyle address the bucket as {@code endpoint/bucket} (MinIO, S3Mock, Ceph) instead
 *     of {@code bucket.endpoint}
 * @param apiCallTimeout give up on one S3 call after this long (a part upload included)
 */
public record S3Settings(String bucket, Optional<URI> endpoint, String region, boolean pathStyle,
                         Duration apiCallTimeout) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("lifeboat.s3.bucket is required (env LIFEBOAT_S3_BUCKET)");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("lifeboat.s3.region must not be empty (env LIFEBOAT_S3_REGION)");
        }
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        if (apiCallTimeout == null || apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
            throw new IllegalArgumentException("lifeboat.s3.api-call-timeout must be positive");
        }
    }

    /** A short description for messages: never includes credentials. */
    public String describe() {
        return "s3://" + bucket + endpoint.map(e -> " at " + e).orElse("");
    }
}
