package io.lifeboat.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void niceStep_roundsUpToOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Scale.niceStep(0.13)).isEqualTo(0.2, within(1e-12));
        assertThat(Scale.niceStep(3)).isEqualTo(5);
        assertThat(Scale.niceStep(5)).isEqualTo(5);
        assertThat(Scale.niceStep(7)).isEqualTo(10);
        assertThat(Scale.niceStep(120)).isEqualTo(200);
    }

    @Test
    void linearFromZero_widensToRoundTicksFromZero() {
        Scale scale = Scale.linearFromZero(12, 347, 8);

        assertThat(scale.min()).isZero();
        assertThat(scale.max()).isEqualTo(350);
        assertThat(scale.ticks()).containsExactly(0.0, 50.0, 100.0, 150.0, 200.0, 250.0, 300.0, 350.0);
        assertThat(scale.label(150)).isEqualTo("150");
    }

    @Test
    void linearFromZero_smallStep_ticksAreExactDecimalsWithMatchingLabels() {
        Scale scale = Scale.linearFromZero(0, 0.7, 8);

        assertThat(scale.ticks()).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
        assertThat(scale.label(0.3)).isEqualTo("0.3");
    }

    @Test
    void linearFromZero_noRange_showsZeroToOne() {
        Scale scale = Scale.linearFromZero(0, 0, 6);

        assertThat(scale.min()).isZero();
        assertThat(scale.max()).isEqualTo(1);
        assertThat(scale.fraction(0.5)).isEqualTo(0.5, within(1e-12));
    }

    @Test
    void log2_dbSizes_ticksAtEveryDoubling() {
        Scale scale = Scale.log(66, 1037, 2);

        assertThat(scale.ticks()).containsExactly(64.0, 128.0, 256.0, 512.0, 1024.0, 2048.0);
        assertThat(scale.fraction(256)).isEqualTo(0.4, within(1e-12));
    }

    @Test
    void log2_singleValue_sitsInsideOneStep() {
        Scale between = Scale.log(66, 66, 2);
        Scale exact = Scale.log(64, 64, 2);

        assertThat(between.ticks()).containsExactly(64.0, 128.0);
        assertThat(exact.ticks()).containsExactly(32.0, 64.0, 128.0);
        assertThat(exact.fraction(64)).isEqualTo(0.5, within(1e-12));
    }

    @Test
    void log10_threeDecades_addsTwoAndFiveTicks_endsAtTheTicksAroundTheData() {
        Scale scale = Scale.log(0.8, 45, 10);

        assertThat(scale.ticks()).containsExactly(0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0);
        assertThat(scale.min()).isEqualTo(0.5);
        assertThat(scale.max()).isEqualTo(50.0);
        assertThat(scale.label(0.5)).isEqualTo("0.5");
        assertThat(scale.label(20)).isEqualTo("20");
    }

    @Test
    void log10_manyDecades_onlyPowers() {
        assertThat(Scale.log(0.5, 2000, 10).ticks()).containsExactly(0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0);
    }

    @Test
    void log_nonPositiveMinimum_isRefused() {
        assertThatThrownBy(() -> Scale.log(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
