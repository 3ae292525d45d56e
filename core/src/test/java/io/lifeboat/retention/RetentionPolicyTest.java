package io.lifeboat.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPolicyTest {

    @Test
    void defaults_areLast10Hourly24Daily31Weekly8Monthly12NoYearlyInUtc() {
        assertThat(RetentionPolicy.DEFAULT)
                .isEqualTo(new RetentionPolicy(10, 24, 31, 8, 12, 0, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"})
    void construct_negativeCount_isRejectedNamingTheSetting(String key) {
        int[] counts = {1, 1, 1, 1, 1, 1};
        counts[indexOf(key)] = -1;
        assertThatThrownBy(() -> new RetentionPolicy(counts[0], counts[1], counts[2], counts[3], counts[4],
                counts[5], ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.retention." + key)
                .hasMessageContaining("was -1");
    }

    @Test
    void construct_missingZone_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> new RetentionPolicy(1, 0, 0, 0, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.retention.zone");
    }

    @Test
    void construct_allZero_isAccepted_theRetentionPassRefusesItInstead() {
        assertThat(new RetentionPolicy(0, 0, 0, 0, 0, 0, ZoneOffset.UTC).keepLast()).isZero();
    }

    @Test
    void count_answersPerTier() {
        RetentionPolicy policy = new RetentionPolicy(1, 2, 3, 4, 5, 6, ZoneId.of("Europe/Berlin"));
        assertThat(Tier.values()).extracting(policy::count).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(policy.withZone(ZoneOffset.UTC).zone()).isEqualTo(ZoneOffset.UTC);
    }

    private static int indexOf(String key) {
        return List.of("keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly",
                "keep-yearly").indexOf(key);
    }
}
