package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The service next to a bucket with damaged manifests (not JSON, empty, format 99) and
 * orphan objects: the API lists everything with the damaged ones flagged, {@code /health}
 * stays UP on the fresh readable snapshot and counts them, and the orphan sweep (at start-up
 * and after a backup) removes only old unreferenced objects.
 */
@RealEtcd
@RealS3
class UnreadableCatalogIT {

    /** Not secret: only this test's service knows it. */
    private static final String TOKEN = "unreadable-catalog-it-0123456789";


    private static final String CLUSTER = "catalog";
    /** Short, so the test can make an orphan old by waiting: S3 servers cannot backdate an object. */
    private static final Duration ORPHAN_AGE = Duration.ofSeconds(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void service_damagedManifestsAndOrphans_listsFlagsStaysUpAndSweepsOnlyOldUnreferencedObjects(EtcdCluster etcd,
            S3Bucket bucket) throws Exception {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 1L << 20, 7);
        Manifest good = backUpWithoutSweeps(etcd, bucket);
        BucketLayout layout = new BucketLayout("", CLUSTER);
        SnapshotId goodId = SnapshotId.parse(good.id());
        SnapshotId malformed = new SnapshotId(goodId.time().plusSeconds(1), goodId.revision() + 1);
        SnapshotId empty = new SnapshotId(goodId.time().plusSeconds(2), goodId.revision() + 2);
        SnapshotId future = new SnapshotId(goodId.time().plusSeconds(3), goodId.revision() + 3);
        put(bucket, layout.manifestKey(malformed), "{\"formatVersion\": 1, \"id\": ");
        put(bucket, layout.manifestKey(empty), "");
        put(bucket, layout.manifestKey(future), "{\"formatVersion\": 99}");
        String oldOrphan = layout.snapshotKey(Instant.parse("2026-01-01T00:00:00Z"), "orphan01");
        put(bucket, oldOrphan, "an upload whose manifest was never written");
        // Started in the second of the malformed manifest: it may be what that manifest references.
        String guarded = layout.snapshotKey(malformed.time(), "guarded1");
        put(bucket, guarded, "maybe referenced by an unreadable manifest");
        Thread.sleep(ORPHAN_AGE.plusSeconds(1).toMillis());
        String youngOrphan = layout.snapshotKey(Instant.parse("2026-01-02T00:00:00Z"), "young001");
        put(bucket, youngOrphan, "an upload that may be about to get its manifest");
        Instant youngPut = Instant.now();

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, serviceProperties(etcd, bucket))) {
            assertThat(objectKeys(bucket, layout)).as("after the start-up sweep")
                    .containsExactlyInAnyOrder(good.object().key(), guarded, youngOrphan);

            HttpResponse<String> list = get(server, "/api/v1/snapshots");
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            JsonNode entries = JSON.readTree(list.body());
            assertThat(entries.size()).isEqualTo(4);
            assertThat(entries.get(0).get("id").asText()).isEqualTo(good.id());
            assertThat(entries.get(0).get("readable").asBoolean()).isTrue();
            assertThat(entries.get(0).get("manifest").get("revision").asLong()).isEqualTo(good.revision());
            assertThat(entries.get(0).has("reason")).isFalse();
            assertThat(List.of(entries.get(1), entries.get(2), entries.get(3)))
                    .allSatisfy(e -> assertThat(e.get("readable").asBoolean()).isFalse())
                    .allSatisfy(e -> assertThat(e.has("manifest")).isFalse())
                    .extracting(e -> e.get("id").asText() + " " + e.get("reason").asText())
                    .satisfiesExactly(r -> assertThat(r).startsWith(malformed + " is not JSON"),
                            r -> assertThat(r).isEqualTo(empty + " is empty (0 bytes)"),
                            r -> assertThat(r).startsWith(future + " has format version 99"));
            assertThat(entries.get(3).get("manifestKey").asText()).isEqualTo(layout.manifestKey(future));

            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode snapshots = JSON.readTree(health.body()).at("/details/snapshots");
            assertThat(snapshots.get("status").asText()).as(health.body()).isEqualTo("UP");
            assertThat(snapshots.at("/details/newestSnapshot").asText()).isEqualTo(good.id());
            assertThat(snapshots.at("/details/unreadableManifests").asLong()).isEqualTo(3);

            assertThat(get(server, "/prometheus").body())
                    .contains("lifeboat_catalog_unreadable_manifests 3.0", "lifeboat_orphan_objects 1.0");

            // Once the young orphan is old too, the sweep after the next backup removes it.
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), youngPut.plus(ORPHAN_AGE).plusSeconds(1))
                    .toMillis()));
            HttpResponse<String> backup = post(server, "/api/v1/snapshots");
            assertThat(backup.statusCode()).as(backup.body()).isEqualTo(201);
            String secondObject = JSON.readTree(backup.body()).at("/object/key").asText();
            assertThat(objectKeys(bucket, layout)).as("after the sweep that follows a backup")
                    .containsExactlyInAnyOrder(good.object().key(), secondObject, guarded);
        }
    }

    private static Manifest backUpWithoutSweeps(EtcdCluster etcd, S3Bucket bucket) {
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", CLUSTER);
        properties.put("lifeboat.s3.sweep-on-start", "false");
        try (ApplicationContext service = ApplicationContext.run(properties)) {
            return service.getBean(BackupService.class).backup().block();
        }
    }

    private static Map<String, Object> serviceProperties(EtcdCluster etcd, S3Bucket bucket) {
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.cluster", CLUSTER);
        properties.put("lifeboat.s3.orphan-age", ORPHAN_AGE.toSeconds() + "s");
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("lifeboat.api.token", TOKEN);
        properties.put("lifeboat.api.trigger-min-interval", "0s");
        return properties;
    }

    private static List<String> objectKeys(S3Bucket bucket, BucketLayout layout) {
        return bucket.client().listObjectsV2Paginator(r -> r.bucket(bucket.name()).prefix(layout.snapshotsPrefix()))
                .contents().stream().map(S3Object::key).toList();
    }

    private static void put(S3Bucket bucket, String key, String content) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key(key),
                RequestBody.fromBytes(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + TOKEN).build());
    }

    private static HttpResponse<String> post(EmbeddedServer server, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(3)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
