package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.retention.RetentionPolicy;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class RetentionOptionsTest {

    @Command
    static final class Holder {
        @Mixin
        RetentionOptions retention;
    }

    @Test
    void nothingGiven_isThePolicyDefault() {
        assertThat(policy(Map.of())).isEqualTo(RetentionPolicy.DEFAULT);
    }

    @Test
    void environment_isTheServicesVariables_andFlagsWinOverIt() {
        Map<String, String> env = Map.of("LIFEBOAT_RETENTION_KEEP_LAST", "3", "LIFEBOAT_RETENTION_KEEP_HOURLY", "0",
                "LIFEBOAT_RETENTION_KEEP_DAILY", "7", "LIFEBOAT_RETENTION_KEEP_WEEKLY", "4",
                "LIFEBOAT_RETENTION_KEEP_MONTHLY", "6", "LIFEBOAT_RETENTION_KEEP_YEARLY", "2",
                "LIFEBOAT_RETENTION_ZONE", "Europe/Berlin");

        assertThat(policy(env)).isEqualTo(new RetentionPolicy(3, 0, 7, 4, 6, 2, ZoneId.of("Europe/Berlin")));
        assertThat(policy(env, "--keep-last", "1", "--keep-yearly", "5", "--retention-zone", "UTC"))
                .isEqualTo(new RetentionPolicy(1, 0, 7, 4, 6, 5, ZoneId.of("UTC")));
    }

    @Test
    void badValues_nameTheFlagAndTheVariable() {
        assertThatThrownBy(() -> policy(Map.of("LIFEBOAT_RETENTION_KEEP_DAILY", "a week")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--keep-daily / LIFEBOAT_RETENTION_KEEP_DAILY", "'a week'");
        assertThatThrownBy(() -> policy(Map.of(), "--keep-weekly", "-1"))
                .hasMessageContaining("--keep-weekly", ">= 0");
        assertThatThrownBy(() -> policy(Map.of("LIFEBOAT_RETENTION_ZONE", "Mars/Olympus")))
                .hasMessageContaining("LIFEBOAT_RETENTION_ZONE", "Mars/Olympus");
    }

    @Test
    void prune_withoutDryRun_isAUsageErrorSayingTheServicePrunes() {
        CliRun run = CliRun.lifeboat(Map.of(), "prune");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("pruning is done by the lifeboat service", "--dry-run");
    }

    @Test
    void prune_badRetentionSetting_isAUsageErrorBeforeTheBucketIsAsked() {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_S3_BUCKET", "b", "LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:9"),
                "prune", "--dry-run", "--keep-daily", "-3");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--keep-daily");
    }

    private static RetentionPolicy policy(Map<String, String> env, String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.retention.policy(env);
    }
}
