package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one cluster, as two DaemonSet pods: A takes a snapshot, then B takes the
 * next ones (it holds the lock). A's own success grows older than {@code max-snapshot-age}, yet
 * A's {@code /health} stays UP and names B's snapshot: it reads the bucket's newest once what it
 * knows is older than {@code newest-check-interval}.
 */
@RealEtcd
@RealS3
class HaHealthIT {

    private static final String CLUSTER = "ha-health";
    private static final Duration MAX_AGE = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void health_ownSuccessStaleButAnotherInstancesFresh_isUpAndNamesTheOthersSnapshot(EtcdCluster etcd,
            S3Bucket bucket) throws Exception {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 1L << 20, 9);
        try (EmbeddedServer a = ApplicationContext.run(EmbeddedServer.class, properties(etcd, bucket));
             EmbeddedServer b = ApplicationContext.run(EmbeddedServer.class, properties(etcd, bucket))) {
            Manifest fromA = a.getApplicationContext().getBean(BackupService.class).backup().block();
            JsonNode first = snapshotsHealth(a);
            assertThat(first.at("/status").asText()).as(first.toString()).isEqualTo("UP");
            assertThat(first.at("/details/newestSnapshot").asText()).isEqualTo(fromA.id());

            Thread.sleep(MAX_AGE.plusSeconds(1).toMillis());
            Manifest fromB = b.getApplicationContext().getBean(BackupService.class).backup().block();

            JsonNode health = snapshotsHealth(a);
            assertThat(health.at("/status").asText()).as(health.toString()).isEqualTo("UP");
            assertThat(health.at("/details/newestSnapshot").asText()).isEqualTo(fromB.id());
            assertThat(fromB.id()).isNotEqualTo(fromA.id());
            JsonNode fromBsView = snapshotsHealth(b);
            assertThat(fromBsView.at("/details/newestSnapshot").asText()).isEqualTo(fromB.id());

            // With no instance backing up, A's /health goes DOWN on the bucket's newest too.
            Thread.sleep(MAX_AGE.plusSeconds(1).toMillis());
            JsonNode stale = snapshotsHealth(a);
            assertThat(stale.at("/status").asText()).as(stale.toString()).isEqualTo("DOWN");
            assertThat(stale.at("/details/newestSnapshot").asText()).isEqualTo(fromB.id());
        }
    }

    private static Map<String, Object> properties(EtcdCluster etcd, S3Bucket bucket) {
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", CLUSTER);
        properties.put("lifeboat.max-snapshot-age", MAX_AGE.toSeconds() + "s");
        properties.put("lifeboat.newest-check-interval", "1s");
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.server.host", "127.0.0.1");
        return properties;
    }

    /** The {@code snapshots} component of {@code GET /health} (200 when UP, 503 when DOWN). */
    private static JsonNode snapshotsHealth(EmbeddedServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                .send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode snapshots = JSON.readTree(response.body()).at("/details/snapshots");
        assertThat(response.statusCode()).as(response.body())
                .isEqualTo(snapshots.at("/status").asText().equals("UP") ? 200 : 503);
        return snapshots;
    }
}
