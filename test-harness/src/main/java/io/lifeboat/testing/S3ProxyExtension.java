package io.lifeboat.testing;

/**
 * {@link RealS3Proxy}'s extension: one S3Proxy process per test JVM, one fresh bucket per test
 * class (see {@link BucketPerClassExtension}).
 */
public final class S3ProxyExtension extends BucketPerClassExtension {

    /** For {@code @ResourceLock}: tests that stop or kill the shared server. */
    public static final String SERVER_LOCK = "lifeboat.s3proxy.server";

    public S3ProxyExtension() {
        super("lifeboat-s3proxy-", S3ProxyServer::start);
    }
}
