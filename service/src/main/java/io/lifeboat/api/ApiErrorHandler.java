package io.lifeboat.api;

import io.lifeboat.backup.BackupInProgressException;
import io.lifeboat.backup.FailureReason;
import io.lifeboat.catalog.SnapshotNotFoundException;
import io.lifeboat.manifest.ManifestFormatException;
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
        String reason = error instanceof BackupInProgressException ? "in_progress"
                : error instanceof SnapshotNotFoundException ? "not_found"
                : error instanceof IllegalArgumentException ? "bad_request"
                : FailureReason.of(error).label();
        return HttpResponse.<Map<String, String>>status(status)
                .body(Map.of("message", String.valueOf(error.getMessage()), "reason", reason));
    }

    private static HttpStatus statusOf(RuntimeException error) {
        if (error instanceof BackupInProgressException) {
            return HttpStatus.CONFLICT;
        }
        if (error instanceof SnapshotNotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (error instanceof IllegalArgumentException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (error instanceof ManifestFormatException) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return switch (FailureReason.of(error)) {
            case ETCD_UNAVAILABLE, STORE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTEGRITY, OTHER -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
