package io.lifeboat.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code lifeboat.api.*}: who may call the HTTP API. Triggering a snapshot always needs the
 * token; reads, {@code /health} and {@code /prometheus} are {@code open} or {@code token}.
 * Bad values fail start-up naming the key.
 *
 * @param token the bearer token itself (env {@code LIFEBOAT_API_TOKEN}); at least 16 characters
 * @param tokenFile a file holding the token, e.g. a mounted Kubernetes Secret; trailing
 *     newlines are ignored. Set this or {@code token}, not both
 * @param readAccess {@code GET /api/v1/snapshots[/{id}]}: {@code token} (default) or {@code open}
 * @param healthAccess {@code /health}: {@code open} (default, kubelet probes send no token) or {@code token}
 * @param metricsAccess {@code /prometheus}: {@code open} (default) or {@code token}
 * @param triggerMinInterval a trigger this soon after the last successful snapshot answers 429;
 *     0 disables the limit
 */
@ConfigurationProperties("lifeboat.api")
public record ApiConfig(
        @Nullable String token,
        @Nullable String tokenFile,
        @Bindable(defaultValue = "token") String readAccess,
        @Bindable(defaultValue = "open") String healthAccess,
        @Bindable(defaultValue = "open") String metricsAccess,
        @Bindable(defaultValue = "60s") Duration triggerMinInterval) {

    static final String TOKEN_KEY = "lifeboat.api.token";
    static final String TOKEN_FILE_KEY = "lifeboat.api.token-file";

    public ApiConfig {
        Access.parse("lifeboat.api.read-access", readAccess);
        Access.parse("lifeboat.api.health-access", healthAccess);
        Access.parse("lifeboat.api.metrics-access", metricsAccess);
        if (triggerMinInterval == null || triggerMinInterval.isNegative()) {
            throw new IllegalArgumentException("lifeboat.api.trigger-min-interval must be 0 (no limit) or positive, not "
                    + triggerMinInterval);
        }
    }

    Access read() {
        return Access.parse("lifeboat.api.read-access", readAccess);
    }

    Access health() {
        return Access.parse("lifeboat.api.health-access", healthAccess);
    }

    Access metrics() {
        return Access.parse("lifeboat.api.metrics-access", metricsAccess);
    }

    /** Never shows the token: records print every component, and config objects end up in logs. */
    @Override
    public String toString() {
        return "ApiConfig[token=" + (token == null ? "unset" : "***") + ", tokenFile=" + tokenFile
                + ", readAccess=" + readAccess + ", healthAccess=" + healthAccess + ", metricsAccess=" + metricsAccess
                + ", triggerMinInterval=" + triggerMinInterval + "]";
    }
}
