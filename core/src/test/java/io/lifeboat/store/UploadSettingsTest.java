package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadSettingsTest {

    private static final long MIB = 1024 * 1024;

    @ParameterizedTest
    @ValueSource(longs = {5 * MIB, 64 * MIB, 512 * MIB})
    void construct_partSizeWithinS3Limits_isAccepted(long partSizeBytes) {
        assertThat(settings(partSizeBytes, 4, ChecksumMode.CRC32C, 3, Duration.ofMillis(200)).partSizeBytes())
                .isEqualTo(partSizeBytes);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 5 * MIB - 1, 512 * MIB + 1})
    void construct_partSizeOutOfRange_failsNamingTheKeyAndValue(long partSizeBytes) {
        assertThatThrownBy(() -> settings(partSizeBytes, 4, ChecksumMode.CRC32C, 3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.part-size")
                .hasMessageContaining("was " + partSizeBytes + " bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65})
    void construct_maxInFlightPartsOutOfRange_failsNamingTheKey(int maxInFlightParts) {
        assertThatThrownBy(() -> settings(5 * MIB, maxInFlightParts, ChecksumMode.CRC32C, 3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.max-in-flight-parts must be 1..64, was " + maxInFlightParts);
    }

    @Test
    void construct_noChecksum_failsNamingTheKey() {
        assertThatThrownBy(() -> settings(5 * MIB, 4, null, 3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.checksum");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 21})
    void construct_partRetriesOutOfRange_failsNamingTheKey(int partRetries) {
        assertThatThrownBy(() -> settings(5 * MIB, 4, ChecksumMode.NONE, partRetries, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.part-retries must be 0..20, was " + partRetries);
    }

    @Test
    void construct_negativeOrMissingBackoff_failsNamingTheKey() {
        assertThatThrownBy(() -> settings(5 * MIB, 4, ChecksumMode.NONE, 3, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.retry-backoff");
        assertThatThrownBy(() -> settings(5 * MIB, 4, ChecksumMode.NONE, 3, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.retry-backoff");
    }

    private static UploadSettings settings(long partSizeBytes, int maxInFlightParts, ChecksumMode checksum,
                                           int partRetries, Duration retryBackoff) {
        return new UploadSettings(partSizeBytes, maxInFlightParts, checksum, partRetries, retryBackoff, UploadSettings.DEFAULT_PART_TIMEOUT);
    }

    @Test
    void requireDirectMemory_partBuffersBeyondTheLimit_isRefusedNamingTheSettings() {
        UploadSettings sixteenByTwo = new UploadSettings(16L << 20, 2, ChecksumMode.CRC32C, 3,
                Duration.ofMillis(100), UploadSettings.DEFAULT_PART_TIMEOUT);

        assertThatThrownBy(() -> MultipartUploader.requireDirectMemory(sixteenByTwo, 64L << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.part-size x (lifeboat.s3.max-in-flight-parts + 3) = 80 MiB")
                .hasMessageContaining("64 MiB")
                .hasMessageContaining("-XX:MaxDirectMemorySize");
        MultipartUploader.requireDirectMemory(sixteenByTwo, 128L << 20);
    }
}
