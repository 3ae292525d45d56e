package io.lifeboat.testing;

/**
 * {@link RealS3}'s extension: one S3Mock process per test JVM, one fresh bucket per test class
 * (see {@link BucketPerClassExtension}).
 */
public final class S3MockExtension extends BucketPerClassExtension {

    /** For {@code @ResourceLock}: tests that stop or kill the shared server. */
    public static final String SERVER_LOCK = "lifeboat.s3mock.server";

    public S3MockExtension() {
        super("lifeboat-s3mock-", S3MockServer::start);
    }
}
