package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

class ChecksumModeTest {

    /** The standard check input of every CRC catalogue. */
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];

    @Test
    void compute_crc32c_isTheBigEndianCheckValueInBase64() {
        assertThat(ChecksumMode.CRC32C.compute(CHECK, 0, CHECK.length)).isEqualTo("4waSgw=="); // 0xE3069283
    }

    @Test
    void compute_crc32_isTheBigEndianCheckValueInBase64() {
        assertThat(ChecksumMode.CRC32.compute(CHECK, 0, CHECK.length)).isEqualTo("y/Q5Jg=="); // 0xCBF43926
    }

    @Test
    void compute_sha256OfNothing_isTheKnownDigestInBase64() {
        assertThat(ChecksumMode.SHA256.compute(NOTHING, 0, 0))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="); // e3b0c442...b855
    }

    @Test
    void compute_sha1OfNothing_isTheKnownDigestInBase64() {
        assertThat(ChecksumMode.SHA1.compute(NOTHING, 0, 0)).isEqualTo("2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
    }

    @Test
    void compute_none_isEmpty() {
        assertThat(ChecksumMode.NONE.compute(CHECK, 0, CHECK.length)).isEmpty();
    }

    @Test
    void compute_readsOnlyTheGivenRange() {
        byte[] padded = "xx123456789yyy".getBytes(StandardCharsets.US_ASCII);

        assertThat(ChecksumMode.CRC32C.compute(padded, 2, 9)).isEqualTo("4waSgw==");
    }

    @Test
    void algorithm_mapsToTheS3AlgorithmAndNoneToNull() {
        assertThat(ChecksumMode.CRC32C.algorithm()).isEqualTo(ChecksumAlgorithm.CRC32_C);
        assertThat(ChecksumMode.CRC32.algorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
        assertThat(ChecksumMode.SHA256.algorithm()).isEqualTo(ChecksumAlgorithm.SHA256);
        assertThat(ChecksumMode.SHA1.algorithm()).isEqualTo(ChecksumAlgorithm.SHA1);
        assertThat(ChecksumMode.NONE.algorithm()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "crc32c,  CRC32C",
        "CRC32C,  CRC32C",
        "crc-32c, CRC32C",
        "crc32,   CRC32",
        "sha256,  SHA256",
        "sha-256, SHA256",
        "SHA_256, SHA256",
        "sha1,    SHA1",
        "sha-1,   SHA1",
        "off,     NONE",
        "OFF,     NONE",
        "none,    NONE",
        "' none ', NONE"})
    void parse_acceptedSpellings_giveTheMode(String text, ChecksumMode mode) {
        assertThat(ChecksumMode.parse(text)).isEqualTo(mode);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "md5", "crc64nvme", "yes", "crc32cc"})
    void parse_unknownValue_failsListingTheOptions(String text) {
        assertThatThrownBy(() -> ChecksumMode.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown checksum '" + text + "'")
                .hasMessageContaining("crc32c, crc32, sha256, sha1 or off");
    }
}
