package io.lifeboat.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZstdSettingsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 20, -1})
    void construct_levelOutsideOneToNineteen_isRejectedNamingTheRange(int level) {
        assertThatThrownBy(() -> new ZstdSettings(level, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..19")
                .hasMessageContaining("was " + level);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65})
    void construct_workersOutsideZeroToSixtyFour_isRejectedNamingTheRange(int workers) {
        assertThatThrownBy(() -> new ZstdSettings(3, workers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..64")
                .hasMessageContaining("was " + workers);
    }

    @Test
    void construct_boundaryValues_areAccepted() {
        assertThat(new ZstdSettings(1, 0).level()).isEqualTo(1);
        assertThat(new ZstdSettings(19, 64).workers()).isEqualTo(64);
    }

    @Test
    void defaults_areLevelThreeOnTheCallingThread() {
        assertThat(ZstdSettings.DEFAULT).isEqualTo(new ZstdSettings(3, 0));
    }
}
