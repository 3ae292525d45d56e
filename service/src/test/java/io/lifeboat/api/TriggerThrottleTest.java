package io.lifeboat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a trigger must wait, and the {@code Retry-After} it is told. */
class TriggerThrottleTest {

    private static final Instant LAST = Instant.parse("2026-12-02T16:00:00Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void remaining_tenSecondsAfterSuccess_waitsFiftySeconds() {
        assertThat(TriggerThrottle.remaining(LAST, LAST.plusSeconds(10), MINUTE)).contains(Duration.ofSeconds(50));
    }

    @Test
    void remaining_exactlyTheIntervalAfterSuccess_mayRun() {
        assertThat(TriggerThrottle.remaining(LAST, LAST.plus(MINUTE), MINUTE)).isEmpty();
    }

    @Test
    void remaining_longAfterSuccess_mayRun() {
        assertThat(TriggerThrottle.remaining(LAST, LAST.plusSeconds(3600), MINUTE)).isEmpty();
    }

    @Test
    void retryAfter_fractionalWait_roundsUpSoTheRetryIsLetIn() {
        assertThat(TriggerThrottle.retryAfterSeconds(Duration.ofMillis(49_001))).isEqualTo(50);
        assertThat(TriggerThrottle.retryAfterSeconds(Duration.ofSeconds(50))).isEqualTo(50);
        assertThat(TriggerThrottle.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    }
}
