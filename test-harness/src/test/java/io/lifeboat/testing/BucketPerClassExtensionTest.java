package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketPerClassExtensionTest {

    /** S3 bucket rules: 3-63 chars, lower-case letters, digits and hyphens, no edge hyphen. */
    private static final String VALID_BUCKET = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]";

    @Test
    void bucketName_ordinaryClass_isReadableAndValid() {
        assertThat(BucketPerClassExtension.bucketName(BucketPerClassExtensionTest.class, 7))
                .isEqualTo("lb-bucketperclassextensiontest-7")
                .matches(VALID_BUCKET);
    }

    @Test
    void bucketName_longNestedClassName_isCutToAValidName() {
        class AVeryLongLocalClassNameThatKeepsGoingPastTheSixtyThreeCharacterLimit_OfS3 {
        }
        String name = BucketPerClassExtension.bucketName(
                AVeryLongLocalClassNameThatKeepsGoingPastTheSixtyThreeCharacterLimit_OfS3.class, 12345);

        assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-12345").matches(VALID_BUCKET);
    }
}
