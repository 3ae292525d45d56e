package io.lifeboat.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntPredicate;

/**
 * Waits for a freshly started server process to answer HTTP on its endpoint: polls with an
 * unsigned GET, fails fast (with the server's log) if the process exits, and kills it if it does
 * not answer in time, so a broken start never leaves a half-started server holding the port.
 */
final class HttpReadiness {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private HttpReadiness() {
    }

    /**
     * @param ready which status of {@code GET probe} means the server is usable
     * @param kill  how to kill the server on timeout (the server's own kill, for its bookkeeping)
     */
    static void await(ChildProcess process, URI probe, Duration timeout, IntPredicate ready, Runnable kill) {
        Instant deadline = Instant.now().plus(timeout);
        String lastAnswer = "no answer yet";
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw failure(process, probe, "exited with code " + process.exitCode() + " during start-up");
            }
            try {
                try {
                    HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                    if (ready.test(response.statusCode())) {
                        return;
                    }
                    lastAnswer = "HTTP " + response.statusCode();
                } catch (IOException e) {
                    lastAnswer = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process, e);
            }
        }
        kill.run();
        throw failure(process, probe, "did not answer within " + timeout.toSeconds() + " s; last: " + lastAnswer);
    }

    private static IllegalStateException failure(ChildProcess process, URI probe, String what) {
        return new IllegalStateException(process + " at " + probe + " " + what + "\n--- last lines of "
                + process.logFile() + " ---\n" + process.logTail(60));
    }
}
