package io.lifeboat.infra.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kustomization.yaml lists what is in the folder, ships the dashboard as a ConfigMap Grafana's
 * sidecar picks up under a fixed name, and the ServiceMonitor scrapes the Service the base defines.
 */
class MonitoringKustomizationTest {

    @Test
    void kustomization_listsTheMonitorAndTheRules_andEveryFileExists() {
        JsonNode kustomization = MonitoringFiles.read(MonitoringFiles.KUSTOMIZATION);
        List<String> files = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> files.add(resource.asText()));
        assertThat(files).containsExactlyInAnyOrder("servicemonitor.yaml", "prometheusrule.yaml");
        kustomization.path("configMapGenerator").forEach(generator -> generator.path("files")
                .forEach(file -> files.add(file.asText())));
        assertThat(files).contains("dashboard/lifeboat.json");
        assertThat(files).allSatisfy(file -> assertThat(MonitoringFiles.FOLDER.resolve(file)).isRegularFile());
    }

    @Test
    void dashboardConfigMap_hasGrafanasSidecarLabel_andNoHashSuffix() {
        JsonNode generator = MonitoringFiles.read(MonitoringFiles.KUSTOMIZATION).path("configMapGenerator").get(0);
        assertThat(generator.path("name").asText()).isEqualTo("lifeboat-dashboard");
        assertThat(generator.path("namespace").asText()).isEqualTo("lifeboat");
        // Top-level generatorOptions: kustomize v2.0.3 (Debian 12's kubectl) has no per-generator options.
        JsonNode options = MonitoringFiles.read(MonitoringFiles.KUSTOMIZATION).path("generatorOptions");
        assertThat(options.path("disableNameSuffixHash").asBoolean()).isTrue();
        // A string "1", as the sidecar's label selector compares it.
        JsonNode label = options.path("labels").path("grafana_dashboard");
        assertThat(label.isTextual()).isTrue();
        assertThat(label.asText()).isEqualTo("1");
    }

    @Test
    void serviceMonitor_scrapesPrometheusOnPortHttpOfServiceLifeboatEvery30s() throws Exception {
        JsonNode monitor = MonitoringFiles.read(MonitoringFiles.FOLDER.resolve("servicemonitor.yaml"));
        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.path("kind").asText()).isEqualTo("ServiceMonitor");
        assertThat(monitor.path("metadata").path("namespace").asText()).isEqualTo("lifeboat");
        assertThat(monitor.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())
                .isEqualTo("lifeboat");
        assertThat(monitor.path("spec").path("namespaceSelector").path("matchNames").get(0).asText())
                .isEqualTo("lifeboat");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("http");
        assertThat(endpoint.path("path").asText()).isEqualTo("/prometheus");
        assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
        assertThat(Files.readString(MonitoringFiles.PROMETHEUS_RULE)).contains("kind: PrometheusRule");
    }
}
