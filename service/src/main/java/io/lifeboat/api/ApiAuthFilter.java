package io.lifeboat.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token check for every request, before any route runs. Triggering a snapshot (any
 * method other than GET/HEAD/OPTIONS) always needs the token; reads, {@code /health} and
 * {@code /prometheus} need it as {@link ApiConfig} says. Only the exact health and metrics
 * paths can be open without the token: any other path counts as a read, so a path the filter
 * does not know is never more open than the snapshot list.
 *
 * <p>Answers: 401 with {@code WWW-Authenticate: Bearer} when no token was sent, 403 for a wrong
 * token, and 403 when the endpoint needs a token but none is configured (there is nothing a
 * caller could send; the message says how to configure one). The token is never logged.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class ApiAuthFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthFilter.class);
    private static final String BEARER = "bearer ";
    static final String NOT_CONFIGURED = "this endpoint needs the API token and none is configured: set "
            + ApiConfig.TOKEN_FILE_KEY + " (e.g. a mounted Secret) or " + ApiConfig.TOKEN_KEY + " (LIFEBOAT_API_TOKEN)";

    private final ApiConfig config;
    private final Optional<ApiToken> token;

    public ApiAuthFilter(ApiConfig config) {
        this.config = config;
        this.token = ApiToken.load(config);
        if (token.isEmpty()) {
            requireTokenFor("lifeboat.api.health-access", config.health());
            requireTokenFor("lifeboat.api.metrics-access", config.metrics());
            LOG.warn("no API token configured ({} or {}): POST /api/v1/snapshots answers 403{}", ApiConfig.TOKEN_FILE_KEY,
                    ApiConfig.TOKEN_KEY, config.read() == Access.TOKEN ? ", and so do snapshot reads" : "");
        }
    }

    /** @return null to let the request through, else the refusal */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authorize(HttpRequest<?> request) {
        if (accessFor(request) == Access.OPEN) {
            return null;
        }
        if (token.isEmpty()) {
            return ApiAnswers.refusal(HttpStatus.FORBIDDEN, NOT_CONFIGURED, "configuration");
        }
        Optional<String> presented = bearerToken(request);
        if (presented.isEmpty()) {
            return ApiAnswers.refusal(HttpStatus.UNAUTHORIZED,
                            "this endpoint needs the API token: send Authorization: Bearer <token>", "unauthorized")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lifeboat\"");
        }
        if (!token.get().matches(presented.get())) {
            return ApiAnswers.refusal(HttpStatus.FORBIDDEN, "the bearer token is not this service's API token",
                    "forbidden");
        }
        return null;
    }

    Access accessFor(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        boolean reads = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        if (!reads) {
            return Access.TOKEN;
        }
        String path = request.getPath();
        if (isUnder(path, "/health")) {
            return config.health();
        }
        if (isUnder(path, "/prometheus")) {
            return config.metrics();
        }
        return config.read();
    }

    /** Runs before Micronaut's own filters (CORS aside), so nothing else sees an unauthorised request. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    private static boolean isUnder(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /** The credentials of {@code Authorization: Bearer <token>}; the scheme is case-insensitive (RFC 7235). */
    private static Optional<String> bearerToken(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.length() > BEARER.length()
                        && value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER))
                .map(value -> value.substring(BEARER.length()).trim())
                .filter(value -> !value.isEmpty());
    }

    private static void requireTokenFor(String key, Access access) {
        if (access == Access.TOKEN) {
            throw new IllegalArgumentException(key + "=token needs an API token: set " + ApiConfig.TOKEN_FILE_KEY
                    + " or " + ApiConfig.TOKEN_KEY + " (LIFEBOAT_API_TOKEN)");
        }
    }
}
