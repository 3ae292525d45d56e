package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.etcd.EtcdUnavailableException;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * etcd goes away between backups: the run fails with a clear error and a counted reason,
 * the service keeps serving, and the next run after etcd is back succeeds.
 */
@RealEtcd
@RealS3
class EtcdOutageIT {

    @Test
    void backup_etcdStopped_failsClearlyCountsItAndTheNextRunWorks(EtcdCluster etcd, S3Bucket bucket) throws Exception {
        new KeyspaceGenerator().fill(etcd.clientEndpoints(), 4L << 20, 11);
        Map<String, Object> properties = ServiceProperties.of(etcd, bucket);
        properties.put("lifeboat.etcd.connect-timeout", "2s");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, withRandomPort(properties))) {
            BackupService backups = server.getApplicationContext().getBean(BackupService.class);
            BackupMetrics metrics = server.getApplicationContext().getBean(BackupMetrics.class);
            etcd.member(0).stop();

            assertThatThrownBy(() -> backups.backup().block())
                    .isInstanceOf(EtcdUnavailableException.class)
                    .hasMessageContaining(etcd.member(0).clientUrl());
            assertThat(metrics.failureCount(io.lifeboat.failure.FailureKind.ETCD_UNAVAILABLE)).isEqualTo(1);
            HttpResponse<String> health = get(server, "/health");
            assertThat(health.body()).contains("lastError").contains(etcd.member(0).clientUrl());
            assertThat(get(server, "/prometheus").body())
                    .contains("lifeboat_backup_failures_total{reason=\"etcd_unavailable\"} 1.0");

            etcd.member(0).start();
            Manifest manifest = backups.backup().block();

            assertThat(manifest.revision()).isPositive();
            assertThat(get(server, "/api/v1/snapshots").body()).contains(manifest.id());
            assertThat(get(server, "/health").body()).doesNotContain("lastError");
        }
    }

    private static Map<String, Object> withRandomPort(Map<String, Object> properties) {
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.server.host", "127.0.0.1");
        // This test reads the snapshot list as an outage check, not an auth check (ApiAuthIT has those).
        properties.put("lifeboat.api.read-access", "open");
        return properties;
    }

    static HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                .send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
