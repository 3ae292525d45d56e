package io.lifeboat.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one wait for an etcd process to serve: polls {@code GET <clientUrl>/health} until etcd
 * answers {@code {"health":"true"}} (a leader is known and no alarm is raised). Callers add
 * their own log to the failure it reports.
 */
public final class EtcdHealth {

    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private EtcdHealth() {
    }

    /**
     * Empty once healthy; otherwise why not, when the process stopped running or the deadline
     * passed (with etcd's last answer).
     */
    public static Optional<String> await(String clientUrl, Instant deadline, BooleanSupplier running) {
        return await(HTTP, clientUrl, deadline, running);
    }

    /** As {@link #await(String, Instant, BooleanSupplier)}, through a client of the caller's (TLS). */
    public static Optional<String> await(HttpClient http, String clientUrl, Instant deadline, BooleanSupplier running) {
        String lastAnswer = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!running.getAsBoolean()) {
                return Optional.of("exited before becoming healthy");
            }
            lastAnswer = health(http, clientUrl);
            if (lastAnswer.contains("\"health\":\"true\"")) {
                return Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd on " + clientUrl, e);
            }
        }
        return Optional.of("not healthy by " + deadline + "; last /health answer: " + lastAnswer);
    }

    private static String health(HttpClient http, String clientUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clientUrl + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for etcd on " + clientUrl, e);
        }
    }
}
