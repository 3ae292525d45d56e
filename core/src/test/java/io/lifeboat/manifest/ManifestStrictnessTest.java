package io.lifeboat.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every document that is not exactly a version-1 manifest is refused, naming where it came from. */
class ManifestStrictnessTest {

    private static final String SOURCE = "s3://lifeboat/backups/homelab/manifests/20261121T231500Z-r1234567.json";

    @Test
    void read_unknownField_failsNamingSourceAndField() {
        assertRefused(golden().replace("\"cluster\" : \"homelab\",", "\"cluster\" : \"homelab\",\n  \"colour\" : \"red\","))
                .hasMessageContaining("colour");
    }

    @Test
    void read_unknownFieldInAPart_failsNamingSourceAndField() {
        assertRefused(golden().replaceFirst("\"number\" : 1,", "\"number\" : 1, \"md5\" : \"x\","))
                .hasMessageContaining("md5");
    }

    @Test
    void read_missingField_failsNamingSourceAndField() {
        assertRefused(golden().replace("  \"totalKeys\" : 2841,\n", ""))
                .hasMessageContaining("totalKeys");
    }

    @Test
    void read_missingFormatVersion_failsNamingSource() {
        assertRefused(golden().replace("  \"formatVersion\" : 1,\n", ""))
                .hasMessageContaining("formatVersion");
    }

    @Test
    void read_nullField_failsNamingSourceAndField() {
        assertRefused(golden().replace("\"cluster\" : \"homelab\"", "\"cluster\" : null"))
                .hasMessageContaining("cluster");
    }

    @Test
    void read_nullPrimitive_failsNamingSource() {
        assertRefused(golden().replace("\"revision\" : 1234567", "\"revision\" : null"))
                .hasMessageContaining("revision");
    }

    @Test
    void read_formatVersionTwo_failsSayingToUpgrade() {
        assertRefused(golden().replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"))
                .hasMessageContaining("format version 2")
                .hasMessageContaining("upgrade lifeboat");
    }

    // A newer format is the very case that adds fields: its reader must still be told to
    // upgrade, not that a field is unrecognized.
    @Test
    void read_formatVersionTwoWithANewField_failsSayingToUpgrade() {
        String v2 = golden().replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")
                .replace("\"cluster\" : \"homelab\",", "\"cluster\" : \"homelab\",\n  \"encryption\" : \"age\",");

        assertRefused(v2)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("upgrade lifeboat");
    }

    @Test
    void read_trailingGarbage_failsNamingSource() {
        assertRefused(golden() + "{\"formatVersion\" : 1}\n");
    }

    @Test
    void read_notJson_failsNamingSource() {
        assertRefused("<Error><Code>AccessDenied</Code></Error>");
    }

    @Test
    void read_emptyDocument_failsNamingSource() {
        assertRefused("");
    }

    @Test
    void read_timeNotIso8601_failsNamingSource() {
        assertRefused(golden().replace("\"2026-11-21T23:15:00.412Z\"", "\"21/11/2026 23:15\""))
                .hasMessageContaining("startedAt");
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String json) {
        return assertThatThrownBy(() -> ManifestCodec.read(json.getBytes(StandardCharsets.UTF_8), SOURCE))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("manifest " + SOURCE);
    }

    private static String golden() {
        String text = new String(ManifestCodecTest.golden(), StandardCharsets.UTF_8);
        assertThat(ManifestCodec.read(text.getBytes(StandardCharsets.UTF_8), SOURCE)).isEqualTo(ManifestCodecTest.EXPECTED);
        return text;
    }
}
