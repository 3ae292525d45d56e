package io.lifeboat.infra.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard (dashboard/lifeboat.json): it parses, has panels that each query
 * something, and its PromQL selects only lifeboat metrics the service's meters define.
 * MetricNamesScrapeIT checks the same names against a real scrape.
 */
class DashboardTest {

    @Test
    void dashboard_parses_andEveryPanelHasATitleAndAtLeastOneQuery() {
        JsonNode dashboard = MonitoringFiles.read(MonitoringFiles.DASHBOARD);

        assertThat(dashboard.path("uid").asText()).isEqualTo("lifeboat");
        assertThat(dashboard.path("panels").isArray()).isTrue();
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(8);
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            if (title.isBlank()) {
                problems.add("panel " + panel.path("id") + " has no title");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(title + ": no targets");
            }
            panel.path("targets").forEach(target -> {
                if (target.path("expr").asText().isBlank()) {
                    problems.add(title + ": target " + target.path("refId").asText() + " has no expr");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void dashboard_queriesOnlyLifeboatMetricsThatTheServiceDefines() {
        Set<String> defined = MonitoringFiles.serviceMeterNames();
        // The derivation from the service's sources finds every kind of meter.
        assertThat(defined).contains("lifeboat_backup_failures_total", "lifeboat_retention_snapshots",
                "lifeboat_backup_duration_seconds_count", "lifeboat_catalog_unreadable_manifests");

        List<String> problems = new ArrayList<>();
        for (String expression : MonitoringFiles.dashboardExpressions()) {
            Set<String> names = MonitoringFiles.metricNames(expression);
            if (names.isEmpty()) {
                problems.add("selects no metric: " + expression);
            }
            names.stream().filter(name -> !defined.contains(name))
                    .forEach(name -> problems.add(name + " (not a lifeboat meter) in: " + expression));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void dashboard_showsAgeTiersDurationThroughputFailuresRetentionAndCatalog() {
        assertThat(MonitoringFiles.metricNames(MonitoringFiles.dashboardExpressions())).contains(
                "lifeboat_backup_last_success_timestamp_seconds",
                "lifeboat_retention_snapshots", "lifeboat_retention_bytes",
                "lifeboat_backup_duration_seconds_sum", "lifeboat_backup_duration_seconds_count",
                "lifeboat_backup_read_bytes_total", "lifeboat_backup_written_bytes_total",
                "lifeboat_backup_failures_total", "lifeboat_retention_pruned_total",
                "lifeboat_catalog_unreadable_manifests", "lifeboat_orphan_objects");
    }

    @Test
    void metricNames_findsSelectorsButNotFunctionsLabelsOrVariables() {
        assertThat(MonitoringFiles.metricNames(
                "sum by (reason) (increase(lifeboat_backup_failures_total{namespace=~\"$namespace\","
                        + "reason!=\"store_unavailable\"}[$__rate_interval])) / on (job) group_left up > 0"))
                .containsExactly("lifeboat_backup_failures_total", "up");
        assertThat(MonitoringFiles.metricNames("label_values(lifeboat_backup_running, namespace)"))
                .containsExactly("lifeboat_backup_running");
        assertThat(MonitoringFiles.metricNames("time() - max(x_seconds offset 5m) > 1800 and bool 1"))
                .containsExactly("x_seconds");
    }
}
