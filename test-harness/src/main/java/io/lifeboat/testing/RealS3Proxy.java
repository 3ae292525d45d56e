package io.lifeboat.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Like {@link RealS3}, on S3Proxy instead of S3Mock: a fresh bucket per test class on an S3Proxy
 * process started once per test JVM ({@link S3ProxyServer}), as an {@link S3Bucket} parameter.
 * For code that must work on a less capable S3-compatible store. Not together with
 * {@code @RealS3} on one class: both would offer the {@code S3Bucket}. Classes that stop or kill
 * the server should carry {@code @ResourceLock(S3ProxyExtension.SERVER_LOCK)} if tests run in
 * parallel.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(S3ProxyExtension.class)
public @interface RealS3Proxy {
}
