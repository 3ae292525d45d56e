package io.lifeboat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lifeboat.api.*} as the service resolves it from application.yml, and its start-up checks. */
class ApiConfigTest {

    @Test
    void defaults_readsNeedTheTokenHealthAndMetricsAreOpenTriggersWaitAMinute() {
        try (ApplicationContext context = ApplicationContext.run(offline(Map.of()))) {
            ApiConfig config = context.getBean(ApiConfig.class);

            assertThat(config.read()).isEqualTo(Access.TOKEN);
            assertThat(config.health()).isEqualTo(Access.OPEN);
            assertThat(config.metrics()).isEqualTo(Access.OPEN);
            assertThat(config.triggerMinInterval()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void defaults_serverListensOnLoopbackOnly() {
        try (ApplicationContext context = ApplicationContext.run(offline(Map.of()))) {
            assertThat(context.getProperty("micronaut.server.host", String.class)).contains("127.0.0.1");
            assertThat(context.getProperty("micronaut.server.port", Integer.class)).contains(8080);
        }
    }

    @Test
    void readAccess_unknownValue_failsNamingKeyAndValue() {
        assertThatThrownBy(() -> config("public", "open", "open", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.api.read-access")
                .hasMessageContaining("'public'");
    }

    @Test
    void healthAndMetricsAccess_unknownValues_failNamingTheirKeys() {
        assertThatThrownBy(() -> config("token", "anonymous", "open", Duration.ZERO))
                .hasMessageContaining("lifeboat.api.health-access").hasMessageContaining("'anonymous'");
        assertThatThrownBy(() -> config("token", "open", "none", Duration.ZERO))
                .hasMessageContaining("lifeboat.api.metrics-access").hasMessageContaining("'none'");
    }

    @Test
    void access_anyCase_isAccepted() {
        assertThat(config("OPEN", "Token", "open", Duration.ZERO).read()).isEqualTo(Access.OPEN);
    }

    @Test
    void triggerMinInterval_negative_failsNamingTheKey() {
        assertThatThrownBy(() -> config("token", "open", "open", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.api.trigger-min-interval");
    }

    @Test
    void context_unknownReadAccess_failsStartUpNamingTheKey() {
        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(offline(Map.of("lifeboat.api.read-access", "public")))) {
                context.getBean(ApiConfig.class);
            }
        }).hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause()
                .hasMessageContaining("lifeboat.api.read-access");
    }

    @Test
    void filter_shortTokenInContext_failsNamingTheKey() {
        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(offline(Map.of("lifeboat.api.token", "too-short")))) {
                context.getBean(ApiAuthFilter.class);
            }
        }).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.api.token").hasMessageNotContaining("too-short");
    }

    @Test
    void filter_healthAccessTokenWithoutToken_failsStartUp() {
        assertThatThrownBy(() -> new ApiAuthFilter(config("token", "token", "open", Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.api.health-access=token")
                .hasMessageContaining("lifeboat.api.token-file");
    }

    /** The settings a context needs to start without reaching a network: a bucket name, no start-up sweep. */
    private static Map<String, Object> offline(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("lifeboat.s3.bucket", "unit-test");
        all.put("lifeboat.s3.sweep-on-start", "false");
        all.put("lifeboat.schedule.enabled", "false");
        return all;
    }

    private static ApiConfig config(String read, String health, String metrics, Duration interval) {
        return new ApiConfig(null, null, read, health, metrics, interval);
    }
}
