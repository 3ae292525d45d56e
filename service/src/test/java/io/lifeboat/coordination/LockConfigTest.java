package io.lifeboat.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockConfigTest {

    /** No schedule and no sweep: nothing reaches etcd or a bucket. */
    private static final Map<String, Object> OFFLINE = Map.of("lifeboat.schedule.enabled", "false",
            "lifeboat.s3.sweep-on-start", "false", "lifeboat.s3.bucket", "unit");

    @Test
    void lockConfig_nothingSet_hasTheDocumentedDefaults() {
        try (ApplicationContext context = ApplicationContext.run(OFFLINE)) {
            LockConfig config = context.getBean(LockConfig.class).validated();

            assertThat(config.enabled()).isTrue();
            assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(15));
            assertThat(config.leaderHeadStart()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.onceWait()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void lockConfig_everyKeySet_bindsEachKey() {
        try (ApplicationContext context = ApplicationContext.run(with(Map.of("lifeboat.lock.enabled", "false",
                "lifeboat.lock.ttl", "3s", "lifeboat.lock.leader-head-start", "0s", "lifeboat.lock.wait", "5s")))) {
            LockConfig config = context.getBean(LockConfig.class).validated();

            assertThat(config.enabled()).isFalse();
            assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.leaderHeadStart()).isZero();
            assertThat(config.onceWait()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    private static Map<String, Object> with(Map<String, Object> properties) {
        Map<String, Object> all = new java.util.HashMap<>(OFFLINE);
        all.putAll(properties);
        return all;
    }

    @Test
    void validated_ttlBelowTwoSeconds_namesTheKeyAndValue() {
        assertThatThrownBy(() -> new LockConfig(true, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO).validated())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.lock.ttl").hasMessageContaining("PT1S");
    }

    @Test
    void validated_fractionalTtl_isRefusedBecauseLeasesHaveWholeSeconds() {
        assertThatThrownBy(() -> new LockConfig(true, Duration.ofMillis(2500), Duration.ZERO, Duration.ZERO).validated())
                .hasMessageContaining("lifeboat.lock.ttl").hasMessageContaining("PT2.5S");
    }

    @Test
    void validated_negativeHeadStartOrWait_namesTheKey() {
        assertThatThrownBy(() -> new LockConfig(true, Duration.ofSeconds(2), Duration.ofSeconds(-1), Duration.ZERO)
                .validated()).hasMessageContaining("lifeboat.lock.leader-head-start").hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> new LockConfig(true, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(-5))
                .validated()).hasMessageContaining("lifeboat.lock.wait").hasMessageContaining("PT-5S");
    }
}
