package io.lifeboat.infra.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The monitoring folder ({@code infra/kubernetes/monitoring}) as the tests read it: the PromQL of
 * the alert rules and of the dashboard, and the metric names that PromQL uses. Paths are relative
 * to the infra module's directory, where Surefire and Failsafe run.
 */
final class MonitoringFiles {

    static final Path FOLDER = Path.of("kubernetes", "monitoring").toAbsolutePath();
    static final Path PROMETHEUS_RULE = FOLDER.resolve("prometheusrule.yaml");
    static final Path RULE_TESTS = FOLDER.resolve("tests").resolve("lifeboat.rules.test.yml");
    static final Path DASHBOARD = FOLDER.resolve("dashboard").resolve("lifeboat.json");
    static final Path KUSTOMIZATION = FOLDER.resolve("kustomization.yaml");

    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:$.])([a-zA-Z_:][\\w:]*)(?![\\w:])");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private MonitoringFiles() {
    }

    static JsonNode read(Path file) {
        try {
            return file.toString().endsWith(".json") ? JSON.readTree(file.toFile()) : YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The PrometheusRule's {@code .spec}: what a plain Prometheus rule file holds ({@code groups}). */
    static JsonNode ruleSpec() {
        return read(PROMETHEUS_RULE).path("spec");
    }

    /** Every rule of every group. */
    static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        ruleSpec().path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        rules().forEach(rule -> names.add(rule.path("alert").asText()));
        return names;
    }

    static List<String> ruleExpressions() {
        return rules().stream().map(rule -> rule.path("expr").asText()).toList();
    }

    /** The PromQL of every dashboard target, and of the template variables' queries. */
    static List<String> dashboardExpressions() {
        JsonNode dashboard = read(DASHBOARD);
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(variable -> {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                expressions.add(query.isTextual() ? query.asText() : query.path("query").asText());
            }
        });
        return expressions;
    }

    /**
     * The metric names a PromQL expression selects: identifiers left once strings, label matchers,
     * ranges, groupings and Grafana variables are removed, that are not functions (followed by
     * {@code (}) or keywords. Grafana's {@code label_values(metric, label)} gives its metric.
     */
    static Set<String> metricNames(String expression) {
        String promql = STRING.matcher(expression).replaceAll("\"\"");
        promql = promql.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        promql = GROUPING.matcher(promql).replaceAll(" ");
        promql = promql.replaceAll("label_values\\(\\s*([\\w:]+)\\s*,[^)]*\\)", "$1");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(promql);
        while (identifier.find()) {
            String name = identifier.group(1);
            String rest = promql.substring(identifier.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> names.addAll(metricNames(expression)));
        return names;
    }

    /**
     * The names the service's Micrometer meters get on {@code /prometheus}, from the builders in
     * service/src/main/java: a counter {@code a.b} is {@code a_b_total}, a gauge {@code a_b}, a
     * timer {@code a_b_seconds_count}, {@code _sum} and {@code _max}.
     */
    static Set<String> serviceMeterNames() {
        Path sources = Path.of("..", "service", "src", "main", "java").toAbsolutePath().normalize();
        // Builders, and helpers such as RetentionMetrics.gauge(registry, "lifeboat...", ...).
        Pattern builder = Pattern.compile(
                "\\b(Counter\\.builder|Gauge\\.builder|Timer\\.builder|counter|gauge|timer)\\(\\s*(?:\\w+\\s*,\\s*)?\"(lifeboat\\.[a-z.]+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher meter = builder.matcher(Files.readString(file));
                while (meter.find()) {
                    String base = meter.group(2).replace('.', '_');
                    switch (meter.group(1).toLowerCase().replace(".builder", "")) {
                        case "counter" -> names.add(base + "_total");
                        case "gauge" -> names.add(base);
                        default -> names.addAll(List.of(base + "_seconds_count", base + "_seconds_sum",
                                base + "_seconds_max"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sources, e);
        }
        return names;
    }
}
