package io.lifeboat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the API token from its two sources, and comparing it. */
class ApiTokenTest {

    private static final String TOKEN = "0123456789abcdef-secret";

    @TempDir
    Path dir;

    @Test
    void load_neitherKeySet_hasNoToken() {
        assertThat(ApiToken.load(config(null, null))).isEmpty();
    }

    @Test
    void load_value_matchesExactlyThatValue() {
        ApiToken token = ApiToken.load(config(TOKEN, null)).orElseThrow();

        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches(TOKEN + "x")).isFalse();
        assertThat(token.matches(TOKEN.substring(1))).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void load_fileEndingInNewline_ignoresTheNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n", StandardCharsets.UTF_8);

        ApiToken token = ApiToken.load(config(null, file.toString())).orElseThrow();

        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches(TOKEN + "\n")).isFalse();
    }

    @Test
    void load_fileEndingInCrLf_ignoresBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\r\n", StandardCharsets.UTF_8);

        assertThat(ApiToken.load(config(null, file.toString())).orElseThrow().matches(TOKEN)).isTrue();
    }

    @Test
    void load_bothKeysSet_failsNamingBothKeys() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ApiToken.load(config(TOKEN, file.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.api.token-file")
                .hasMessageContaining("lifeboat.api.token ")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void load_shortValue_failsNamingTheKeyWithoutPrintingTheToken() {
        assertThatThrownBy(() -> ApiToken.load(config("short-secret", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.api.token")
                .hasMessageContaining("16")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void load_shortFile_failsNamingTheFileKey() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "short-secret\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ApiToken.load(config(null, file.toString())))
                .hasMessageContaining("lifeboat.api.token-file")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void load_missingFile_failsNamingTheFileKeyAndPath() {
        Path missing = dir.resolve("absent");

        assertThatThrownBy(() -> ApiToken.load(config(null, missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.api.token-file")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void toString_neverShowsTheToken() {
        assertThat(ApiToken.load(config(TOKEN, null)).orElseThrow().toString()).doesNotContain(TOKEN);
        assertThat(config(TOKEN, null).toString()).doesNotContain(TOKEN);
    }

    @Test
    void matches_tokensOfAnyLength_compareDigestsOfEqualLength() {
        // Not a timing measurement (too noisy for a unit test): the property the constant-time
        // argument rests on is that what MessageDigest.isEqual sees never varies in length.
        ApiToken token = ApiToken.of("k", TOKEN);

        assertThat(token.matches("x")).isFalse();
        assertThat(token.matches(TOKEN.repeat(100))).isFalse();
        assertThat(token.matches(TOKEN.substring(0, TOKEN.length() - 1) + "X")).isFalse();
    }

    private static ApiConfig config(String token, String tokenFile) {
        return new ApiConfig(token, tokenFile, "token", "open", "open", Duration.ofSeconds(60));
    }
}
