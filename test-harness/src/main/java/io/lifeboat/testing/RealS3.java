package io.lifeboat.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a fresh bucket on a real S3 server (S3Mock in its own JVM,
 * started once per test JVM). Declare an {@link S3Bucket} parameter to get it. Classes that stop
 * or kill the server should carry {@code @ResourceLock(S3MockExtension.SERVER_LOCK)} if tests run
 * in parallel.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(S3MockExtension.class)
public @interface RealS3 {
}
