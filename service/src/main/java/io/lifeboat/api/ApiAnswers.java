package io.lifeboat.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/** The API's refusals in the shape {@link ApiErrorHandler} gives errors: JSON {@code {message, reason}}. */
final class ApiAnswers {

    private ApiAnswers() {
    }

    static MutableHttpResponse<Map<String, String>> refusal(HttpStatus status, String message, String reason) {
        return HttpResponse.<Map<String, String>>status(status).body(Map.of("message", message, "reason", reason));
    }
}
