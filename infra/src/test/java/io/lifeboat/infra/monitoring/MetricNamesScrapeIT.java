package io.lifeboat.infra.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.testing.ChildProcess;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.Loopback;
import io.lifeboat.testing.RealEtcd;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric names the alerts and the dashboard use are the names a running service exports: the
 * service jar (service/target/lifeboat-service-*.jar, as deployed) runs against a real etcd and
 * S3Mock on 127.0.0.1, takes one backup over its HTTP API (after which it runs a retention pass),
 * and its /prometheus scrape must contain every lifeboat_* name the PromQL selects.
 */
@RealEtcd
@RealS3
class MetricNamesScrapeIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process service;

    @Test
    void everyMetricTheRulesAndTheDashboardUse_isInARealScrape_afterABackupAndARetentionPass(
            EtcdCluster etcd, S3Bucket bucket) throws Exception {
        int port = Loopback.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        service = startService(Map.ofEntries(
                Map.entry("LIFEBOAT_ETCD_ENDPOINTS", etcd.member(0).clientUrl()),
                Map.entry("LIFEBOAT_S3_BUCKET", bucket.name()),
                Map.entry("LIFEBOAT_S3_ENDPOINT", bucket.endpoint().toString()),
                Map.entry("LIFEBOAT_S3_PATH_STYLE", "true"),
                Map.entry("LIFEBOAT_S3_PART_SIZE", "5MB"),
                Map.entry("LIFEBOAT_CLUSTER", "metrics-it"),
                // One backup, triggered below; no final snapshot on SIGTERM, so the test ends fast.
                Map.entry("LIFEBOAT_SCHEDULE_ENABLED", "false"),
                Map.entry("LIFEBOAT_SHUTDOWN_FINAL_SNAPSHOT", "false"),
                Map.entry("LIFEBOAT_API_TOKEN", token),
                Map.entry("MICRONAUT_SERVER_HOST", "127.0.0.1"),
                Map.entry("MICRONAUT_SERVER_PORT", Integer.toString(port)),
                // S3Mock accepts any credentials.
                Map.entry("AWS_ACCESS_KEY_ID", "lifeboat-test"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "lifeboat-test"),
                Map.entry("AWS_REGION", "us-east-1")));
        awaitMetrics(base, Duration.ofSeconds(90));

        HttpResponse<String> backup = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/snapshots"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(backup.statusCode()).as("POST /api/v1/snapshots: %s\n%s", backup.body(), log()).isEqualTo(201);

        // The retention pass follows the backup, still under the lock: wait until it is recorded.
        Map<String, Double> scrape = awaitScrape(base, values -> values.getOrDefault(
                "lifeboat_retention_last_run_timestamp_seconds", 0.0) > 0, Duration.ofSeconds(60));
        assertThat(scrape.get("lifeboat_backup_last_success_timestamp_seconds")).isPositive();
        // The one snapshot, counted under whichever tier is its highest.
        assertThat(scrape.entrySet().stream().filter(e -> e.getKey().startsWith("lifeboat_retention_snapshots{"))
                .mapToDouble(Map.Entry::getValue).sum()).isEqualTo(1.0);
        assertThat(scrape.get("lifeboat_backup_duration_seconds_count")).isEqualTo(1.0);

        Set<String> exported = scrape.keySet().stream().map(MetricNamesScrapeIT::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> used = new TreeSet<>(MonitoringFiles.metricNames(MonitoringFiles.ruleExpressions()));
        used.addAll(MonitoringFiles.metricNames(MonitoringFiles.dashboardExpressions()));
        assertThat(used).hasSizeGreaterThanOrEqualTo(15).allMatch(name -> name.startsWith("lifeboat_"));
        assertThat(exported).as("lifeboat_* names on /prometheus").containsAll(used);
        // Every failure reason the alerts tell apart is exported from the start, at 0.
        assertThat(scrape).containsKeys("lifeboat_backup_failures_total{reason=\"store_unavailable\"}",
                "lifeboat_backup_failures_total{reason=\"etcd_unavailable\"}");
    }

    @AfterEach
    void stopService() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** service/target's runnable jar: the shaded one, not original-*. */
    static Path serviceJar() throws IOException {
        Path target = Path.of("..", "service", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().matches("lifeboat-service-.*\\.jar"))
                    .toList();
            assertThat(jars).as("lifeboat-service-*.jar in %s: build it with ./mvnw -B -ntp install -DskipTests"
                    + " -pl infra -am", target).hasSize(1);
            return jars.get(0);
        }
    }

    private Process startService(Map<String, String> environment) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                serviceJar().toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile()).redirectInput(Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
        env.putAll(environment);
        return builder.start();
    }

    private void awaitMetrics(URI base, Duration timeout) throws Exception {
        awaitScrape(base, values -> values.containsKey("lifeboat_backup_running"), timeout);
    }

    /** Scrapes until {@code condition} holds, failing with the service's log when it never does. */
    private Map<String, Double> awaitScrape(URI base, java.util.function.Predicate<Map<String, Double>> condition,
                                            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service exited with %s\n%s",
                    service.isAlive() ? "-" : service.exitValue(), log()).isTrue();
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/prometheus"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    Map<String, Double> values = parse(response.body());
                    if (condition.test(values)) {
                        return values;
                    }
                    last = values.keySet().toString();
                } else {
                    last = "HTTP " + response.statusCode();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/prometheus never showed what the test waits for; last: " + last + "\n" + log());
    }

    /** The lifeboat_* samples of a Prometheus text scrape, keyed by name with labels. */
    static Map<String, Double> parse(String scrape) {
        Map<String, Double> values = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("lifeboat_")) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    /** A sample's metric name, without labels. */
    static String name(String sample) {
        int brace = sample.indexOf('{');
        return brace < 0 ? sample : sample.substring(0, brace);
    }

    /** The end of the service's log (it logs no credentials; the token is never logged). */
    private String log() {
        Path file = dir.resolve("service.log");
        return "--- " + file + " ---\n" + ChildProcess.tail(file, 200);
    }
}
