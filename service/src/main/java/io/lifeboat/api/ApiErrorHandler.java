package io.lifeboat.api;

import io.lifeboat.failure.FailureKind;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * One place that turns lifeboat's errors into HTTP answers: a JSON body with the message
 * (which names endpoints, buckets and keys, never credentials) and a status that says whose
 * fault it is.
 */
@Produces
@Singleton
public class ApiErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<Map<String, String>>> {

    @Override
    public HttpResponse<Map<String, String>> handle(HttpRequest request, RuntimeException error) {
        HttpStatus status = statusOf(error);
        String reason = FailureKind.of(error).label();
        return HttpResponse.<Map<String, String>>status(status)
                .body(Map.of("message", String.valueOf(error.getMessage()), "reason", reason));
    }

    /** The one mapping of failure kinds to HTTP status codes. */
    static HttpStatus statusOf(Throwable error) {
        return switch (FailureKind.of(error)) {
            case CONFIGURATION -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case BUSY -> HttpStatus.CONFLICT;
            case ETCD_UNAVAILABLE, STORE_UNAVAILABLE, INTERRUPTED -> HttpStatus.SERVICE_UNAVAILABLE;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case INTEGRITY, TARGET_REFUSED, ETCD_TOOL, ARCHIVED, UNEXPECTED -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
