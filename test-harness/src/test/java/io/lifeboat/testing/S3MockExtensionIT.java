package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@RealS3
class S3MockExtensionIT {

    private static S3Bucket fromBeforeAll;

    @BeforeAll
    static void captureBucket(S3Bucket bucket) {
        fromBeforeAll = bucket;
    }

    @Test
    void resolve_testAndBeforeAll_getTheSameFreshBucket(S3Bucket bucket) {
        assertThat(bucket).isSameAs(fromBeforeAll);
        assertThat(bucket.name()).startsWith("lb-s3mockextensionit-");
        assertThat(bucket.client().listObjectsV2(r -> r.bucket(bucket.name())).contents()).isEmpty();
    }

    @Nested
    class InANestedClass {

        @Test
        void resolve_nestedClass_sharesTheEnclosingBucket(S3Bucket bucket) {
            assertThat(bucket).isSameAs(fromBeforeAll);
        }
    }

    @RealS3
    @Nested
    class AnnotatedAgain {

        @Test
        void resolve_oneServerPerJvm_isSharedByAllClasses(S3Bucket bucket) {
            assertThat(bucket.server()).isSameAs(fromBeforeAll.server());
        }
    }
}
