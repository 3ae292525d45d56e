package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void construct_noBucket_failsNamingTheKeyAndItsEnvironmentVariable(String bucket) {
        assertThatThrownBy(() -> new S3Settings(bucket, Optional.empty(), "us-east-1", false, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.bucket")
                .hasMessageContaining("LIFEBOAT_S3_BUCKET");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void construct_noRegion_failsNamingTheKey(String region) {
        assertThatThrownBy(() -> new S3Settings("lifeboat", Optional.empty(), region, false, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.region")
                .hasMessageContaining("LIFEBOAT_S3_REGION");
    }

    @Test
    void construct_nonPositiveOrMissingApiCallTimeout_failsNamingTheKey() {
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
            assertThatThrownBy(() -> new S3Settings("lifeboat", Optional.empty(), "us-east-1", false, timeout))
                    .as("timeout %s", timeout)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lifeboat.s3.api-call-timeout");
        }
    }

    @Test
    void construct_nullEndpoint_meansAwsS3() {
        S3Settings settings = new S3Settings("lifeboat", null, "us-east-1", false, TIMEOUT);

        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.describe()).isEqualTo("s3://lifeboat");
    }

    @Test
    void describe_namesBucketAndEndpoint() {
        S3Settings settings = new S3Settings("lifeboat", Optional.of(URI.create("http://127.0.0.1:9090")),
                "us-east-1", true, TIMEOUT);

        assertThat(settings.describe()).isEqualTo("s3://lifeboat at http://127.0.0.1:9090");
    }
}
