package io.lifeboat.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.backup.ServiceProperties;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's access rules on the real service (real etcd, S3Mock), as a client on the
 * node sees them. Each test uses its own cluster folder in the class's bucket, so snapshot
 * counts and the trigger limit (which reads the bucket's newest snapshot) do not leak between tests.
 */
@RealEtcd
@RealS3
class ApiAuthIT {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final String SNAPSHOTS = "/api/v1/snapshots";

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void server_byDefault_listensOnLoopbackOnly(EtcdCluster etcd, S3Bucket bucket) {
        try (EmbeddedServer server = start(etcd, bucket, "loopback", Map.of())) {
            assertThat(server.getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void post_withoutToken_answers401WithBearerChallengeAndTakesNoSnapshot(EtcdCluster etcd, S3Bucket bucket)
            throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "no-header", Map.of())) {
            HttpResponse<String> response = send(server, "POST", SNAPSHOTS, null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.body()).contains("\"reason\":\"unauthorized\"").contains("Authorization: Bearer");
            assertThat(snapshots(server)).isZero();
        }
    }

    @Test
    void post_wrongToken_answers403AndTakesNoSnapshot(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "wrong-token", Map.of())) {
            HttpResponse<String> response = send(server, "POST", SNAPSHOTS, TOKEN + "-wrong");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("\"reason\":\"forbidden\"").doesNotContain(TOKEN);
            assertThat(snapshots(server)).isZero();
        }
    }

    @Test
    void post_withToken_answers201AndStoresOneSnapshot(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "with-token", Map.of())) {
            HttpResponse<String> response = send(server, "POST", SNAPSHOTS, TOKEN);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(snapshots(server)).isEqualTo(1);
        }
    }

    @Test
    void post_noTokenConfigured_answers403SayingHowToConfigureOne(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        Map<String, Object> noToken = new HashMap<>();
        noToken.put("lifeboat.api.token", "");
        try (EmbeddedServer server = start(etcd, bucket, "unconfigured", noToken)) {
            HttpResponse<String> response = send(server, "POST", SNAPSHOTS, TOKEN);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("lifeboat.api.token-file").contains("LIFEBOAT_API_TOKEN");
            assertThat(snapshots(server)).isZero();
        }
    }

    @Test
    void list_readAccessToken_answers401WithoutAnd200WithTheToken(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "read-token", Map.of())) {
            assertThat(send(server, "GET", SNAPSHOTS, null).statusCode()).isEqualTo(401);
            assertThat(send(server, "GET", SNAPSHOTS + "/20261121T231500Z-r1234567", null).statusCode()).isEqualTo(401);
            assertThat(send(server, "GET", SNAPSHOTS, TOKEN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void list_readAccessOpen_answers200WithoutTokenButTriggersStillNeedIt(EtcdCluster etcd, S3Bucket bucket)
            throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "read-open", Map.of("lifeboat.api.read-access", "open"))) {
            assertThat(send(server, "GET", SNAPSHOTS, null).statusCode()).isEqualTo(200);
            assertThat(send(server, "POST", SNAPSHOTS, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void healthAndPrometheus_byDefault_answerWithoutToken(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "probes-open", Map.of())) {
            assertThat(send(server, "GET", "/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = send(server, "GET", "/prometheus", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("lifeboat_");
        }
    }

    @Test
    void health_healthAccessToken_answers401WithoutAnd200WithTheToken(EtcdCluster etcd, S3Bucket bucket)
            throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "probes-token",
                Map.of("lifeboat.api.health-access", "token", "lifeboat.api.metrics-access", "token"))) {
            assertThat(send(server, "GET", "/health", null).statusCode()).isEqualTo(401);
            assertThat(send(server, "GET", "/prometheus", null).statusCode()).isEqualTo(401);
            assertThat(send(server, "GET", "/health", TOKEN).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/prometheus", TOKEN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void triggerStorm_rightAfterASuccess_answers429WithRetryAfterAndStoresNoMoreSnapshots(EtcdCluster etcd,
            S3Bucket bucket) throws Exception {
        try (EmbeddedServer server = start(etcd, bucket, "storm", Map.of("lifeboat.api.trigger-min-interval", "60s"))) {
            assertThat(send(server, "POST", SNAPSHOTS, TOKEN).statusCode()).isEqualTo(201);

            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = send(server, "POST", SNAPSHOTS, TOKEN);

                assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
                assertThat(response.body()).contains("\"reason\":\"too_soon\"")
                        .contains("lifeboat.api.trigger-min-interval");
                assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
            }
            assertThat(snapshots(server)).isEqualTo(1);
        }
    }

    /** The real service on the default host (so the loopback default is what the tests use) and a random port. */
    private static EmbeddedServer start(EtcdCluster etcd, S3Bucket bucket, String cluster,
                                        Map<String, Object> overrides) {
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("micronaut.server.port", "-1");
        properties.put("lifeboat.cluster", cluster);
        properties.put("lifeboat.api.token", TOKEN);
        properties.putAll(overrides);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private HttpResponse<String> send(EmbeddedServer server, String method, String path, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(2));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long snapshots(EmbeddedServer server) {
        return server.getApplicationContext().getBean(Catalog.class).list().count().block();
    }
}
