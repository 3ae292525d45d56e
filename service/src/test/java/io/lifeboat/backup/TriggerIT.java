package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.catalog.Catalog;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/snapshots} while a backup runs: 409, and still exactly one snapshot. */
@RealEtcd
@RealS3
class TriggerIT {

    private static final String TOKEN = "trigger-it-0123456789abcdef";

    @Test
    void post_whileABackupRuns_answers409AndOneSnapshotIsStored(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 48L << 20, 5);
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.server.host", "127.0.0.1");
        // One part in flight keeps the first backup running long enough to be interrupted by a second POST.
        properties.put("lifeboat.s3.max-in-flight-parts", "1");
        // Triggers need the API token; no rate limit, so the second POST reaches the running backup and gets 409.
        properties.put("lifeboat.api.token", TOKEN);
        properties.put("lifeboat.api.trigger-min-interval", "0s");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            BackupService backups = server.getApplicationContext().getBean(BackupService.class);
            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            HttpRequest post = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/snapshots"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(3)).build();

            CompletableFuture<HttpResponse<String>> first = http.sendAsync(post, HttpResponse.BodyHandlers.ofString());
            awaitRunning(backups);
            HttpResponse<String> second = http.send(post, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> firstResponse = first.get();

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(second.body()).contains("already running");
            assertThat(firstResponse.statusCode()).isEqualTo(201);
            assertThat(server.getApplicationContext().getBean(Catalog.class).list().collectList().block()).hasSize(1);
        }
    }

    private static void awaitRunning(BackupService backups) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!backups.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(backups.isRunning()).as("first backup started").isTrue();
    }
}
