package io.lifeboat.infra.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules with the real promtool: the PrometheusRule's {@code .spec} is written as a plain
 * rule file (the PrometheusRule stays the one source), {@code promtool check rules} accepts it and
 * {@code promtool test rules} runs tests/lifeboat.rules.test.yml against it. promtool comes from
 * Debian's prometheus package, which infra/local/ensure-tools.sh installs (the build runs it).
 */
class PromtoolRulesIT {

    private static final String RULES = "lifeboat.rules.yml";
    private static final String TESTS = "lifeboat.rules.test.yml";

    @TempDir
    Path dir;

    @Test
    void rules_passPromtoolCheck() throws Exception {
        writeRules(Files.readString(MonitoringFiles.PROMETHEUS_RULE));

        Run check = promtool("check", "rules", RULES);

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + MonitoringFiles.rules().size() + " rules found");
    }

    @Test
    void rules_passTheirUnitTests() throws Exception {
        writeRules(Files.readString(MonitoringFiles.PROMETHEUS_RULE));
        Files.copy(MonitoringFiles.RULE_TESTS, dir.resolve(TESTS));

        Run test = promtool("test", "rules", TESTS);

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    /** The unit tests can fail: with the snapshot-age threshold doubled, the firing case does not fire. */
    @Test
    void unitTests_failWhenTheSnapshotAgeThresholdChanges() throws Exception {
        String source = Files.readString(MonitoringFiles.PROMETHEUS_RULE);
        assertThat(source).containsOnlyOnce(") > 1800");
        writeRules(source.replace(") > 1800", ") > 3600"));
        Files.copy(MonitoringFiles.RULE_TESTS, dir.resolve(TESTS));

        Run test = promtool("test", "rules", TESTS);

        assertThat(test.exitCode()).as(test.output()).isNotZero();
        assertThat(test.output()).contains("alertname: LifeboatSnapshotTooOld");
    }

    /** Every alert has a test case where it fires and one where it does not. */
    @Test
    void unitTests_coverEveryAlert_firingAndNotFiring() {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : MonitoringFiles.read(MonitoringFiles.RULE_TESTS).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? silent : firing).add(check.path("alertname").asText());
            }
        }
        Set<String> alerts = MonitoringFiles.alertNames();
        assertThat(alerts).contains("LifeboatSnapshotTooOld", "LifeboatBackupsFailing", "LifeboatBucketUnreachable",
                "LifeboatPruneFailing", "LifeboatUnreadableManifests");
        assertThat(firing).isEqualTo(alerts);
        assertThat(silent).isEqualTo(alerts);
    }

    @Test
    void bucketUnreachable_matchesTheFailureKindLabelOfAnUnreachableStore() {
        String expression = MonitoringFiles.rules().stream()
                .filter(rule -> rule.path("alert").asText().equals("LifeboatBucketUnreachable"))
                .findFirst().orElseThrow().path("expr").asText();
        assertThat(expression).contains("reason=\"" + io.lifeboat.failure.FailureKind.STORE_UNAVAILABLE.label() + "\"");
    }

    private void writeRules(String prometheusRule) throws IOException {
        JsonNode spec = MonitoringFiles.YAML.readTree(prometheusRule).path("spec");
        assertThat(spec.path("groups").isEmpty()).as("spec.groups of " + MonitoringFiles.PROMETHEUS_RULE).isFalse();
        MonitoringFiles.YAML.writeValue(dir.resolve(RULES).toFile(), spec);
    }

    private Run promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(promtoolPath().toString());
        command.addAll(List.of(args));
        Path output = dir.resolve("promtool.out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** promtool on PATH; missing is a failure, not a skip: the alert rules would go untested. */
    static Path promtoolPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, "promtool")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("promtool not found on PATH (" + path + "): run"
                        + " infra/local/ensure-tools.sh (installs Debian's prometheus package), or install"
                        + " Prometheus's promtool by hand"));
    }

    private record Run(int exitCode, String output) {
    }
}
