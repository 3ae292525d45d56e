package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.lifecycle.LifecycleConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle file infra ships is exactly what {@code lifeboat lifecycle print} generates for
 * its documented settings, so the two cannot drift apart. To regenerate it after a deliberate change:
 * {@code lifeboat lifecycle print --prefix "" --cluster default --transition monthly=GLACIER_IR:1 > infra/s3/lifecycle.json}.
 */
class LifecycleFileTest {

    // Surefire runs in the module's directory.
    private static final Path SHIPPED = Path.of("..", "infra", "s3", "lifecycle.json");

    @Test
    void shippedLifecycleJson_equalsWhatLifecyclePrintGeneratesForItsSettings() throws Exception {
        CliRun run = CliRun.lifeboat(Map.of(), "lifecycle", "print", "-o", "json", "--prefix", "", "--cluster",
                "default", "--transition", "monthly=GLACIER_IR:1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as("the shipped settings cost no warnings").isEmpty();
        assertThat(Files.readString(SHIPPED)).isEqualTo(run.out());
        assertThat(LifecycleConfiguration.fromJson(Files.readString(SHIPPED)).rules()).hasSize(2);
    }

    @Test
    void print_withoutTransitions_isTheAbortRuleAlone_andNeedsNoBucket() {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_CLUSTER", "prod", "LIFEBOAT_S3_PREFIX", "backups"),
                "lifecycle", "print");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(LifecycleConfiguration.fromJson(run.out()).rules()).singleElement()
                .satisfies(rule -> assertThat(rule.id()).isEqualTo("lifeboat-prod-abort-incomplete-uploads"))
                .satisfies(rule -> assertThat(rule.filter().prefix()).isEqualTo("backups/prod/snapshots/"));
    }

    @Test
    void print_transitionOutlivedByTheClassMinimum_warnsOnStderrAndStillPrints() {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_RETENTION_KEEP_DAILY", "7"), "lifecycle", "print",
                "--transition", "daily=GLACIER_IR:1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("warning: tier daily keeps snapshots about 7 day(s)", "90 days");
        assertThat(run.out()).contains("lifeboat-default-tier-daily");
    }

    @Test
    void print_badTransition_isAUsageErrorNamingTheFlag() {
        CliRun run = CliRun.lifeboat(Map.of(), "lifecycle", "print", "--transition", "monthly=COLD:1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--transition", "unknown storage class 'COLD'");
    }

    @Test
    void lifecycleAlone_isAUsageErrorNamingItsCommands() {
        CliRun run = CliRun.lifeboat(Map.of(), "lifecycle");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("print or apply");
    }
}
