package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.bbolt.BboltFormatException;
import io.lifeboat.catalog.SnapshotNotFoundException;
import io.lifeboat.manifest.ManifestFormatException;
import io.lifeboat.restore.EtcdToolException;
import io.lifeboat.restore.TargetRefusedException;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import io.lifeboat.store.StoreException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a bucket: help, exit codes, option and setting errors. */
class LifeboatTest {

    @Test
    void help_listsEveryCommandAndEveryExitCode() {
        CliRun run = CliRun.lifeboat(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("list", "show", "verify", "restore", "status", "prune", "lifecycle",
                "LIFEBOAT_S3_BUCKET");
        assertThat(run.out()).containsPattern("(?m)^\\s+0\\s+success");
        for (io.lifeboat.failure.FailureKind kind : io.lifeboat.failure.FailureKind.values()) {
            assertThat(run.out()).containsPattern("(?m)^\\s+" + kind.exitCode() + "\\s+\\S");
        }
    }

    @Test
    void lifecycleApplyHelp_documentsTheExitCodesToo() {
        CliRun run = CliRun.lifeboat(Map.of(), "lifecycle", "apply", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--dry-run", "--transition", "--keep-monthly", "Exit codes:")
                .containsPattern("(?m)^\\s+5\\s+bucket unreachable");
    }

    @Test
    void restoreHelp_documentsTheExitCodesToo() {
        CliRun run = CliRun.lifeboat(Map.of(), "restore", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--data-dir", "--tmpfs", "--move-aside", "--verify-start", "Exit codes:",
                "Exit codes:");
        assertThat(run.out()).containsPattern("(?m)^\\s+6\\s+target refused");
    }

    @Test
    void noCommand_isAUsageError() {
        CliRun run = CliRun.lifeboat(Map.of());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name a command");
    }

    @Test
    void list_withoutBucket_isAUsageErrorNamingTheVariable() {
        CliRun run = CliRun.lifeboat(Map.of(), "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("lifeboat: no bucket: pass --bucket or set LIFEBOAT_S3_BUCKET\n");
    }

    @Test
    void list_badClusterName_isAUsageError() {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_S3_BUCKET", "b", "LIFEBOAT_CLUSTER", "Not Valid"), "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cluster name 'Not Valid'");
    }

    @Test
    void restore_idAndAtTogether_isAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_S3_BUCKET", "b"), "restore", "latest", "--at",
                "2026-11-21T00:00:00Z", "--data-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name the snapshot once");
    }

    @Test
    void restore_badTmpfsMode_isAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_S3_BUCKET", "b"), "restore", "--tmpfs", "maybe",
                "--data-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tmpfs must be off, require or mount=SIZE");
    }

    @Test
    void status_missingFile_isNotFoundWithoutStackTrace(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(Map.of(), "status", dir.resolve("nope.db").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("nope.db").doesNotContain("\tat ");
    }

    @Test
    void status_missingFileWithStacktrace_printsTheStackTrace(@TempDir Path dir) {
        CliRun run = CliRun.lifeboat(Map.of(), "status", dir.resolve("nope.db").toString(), "--stacktrace");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void exitCodes_eachFailureHasItsDocumentedCode() {
        assertThat(ExitCodes.of(new SnapshotNotFoundException("x"))).isEqualTo(3);
        assertThat(ExitCodes.of(new SnapshotIntegrityException("x"))).isEqualTo(4);
        assertThat(ExitCodes.of(new BboltFormatException("x"))).isEqualTo(4);
        assertThat(ExitCodes.of(new ManifestFormatException("x", null))).isEqualTo(4);
        assertThat(ExitCodes.of(new StoreException("x", null))).isEqualTo(5);
        assertThat(ExitCodes.of(new TargetRefusedException("x"))).isEqualTo(6);
        assertThat(ExitCodes.of(new EtcdToolException("x"))).isEqualTo(7);
        assertThat(ExitCodes.of(new java.io.UncheckedIOException(new java.io.IOException("No space left on device"))))
                .isEqualTo(6);
        assertThat(ExitCodes.of(new IllegalArgumentException("x"))).isEqualTo(2);
        assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(1);
    }

    @Test
    void bucketOptions_flagsWinOverEnvironmentWhichWinsOverDefaults() {
        BucketOptions options = new BucketOptions();
        options.region = "eu-west-1";
        Map<String, String> env = Map.of("LIFEBOAT_S3_BUCKET", "from-env", "LIFEBOAT_S3_REGION", "us-west-2",
                "LIFEBOAT_S3_PATH_STYLE", "true", "LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:9000",
                "LIFEBOAT_S3_PREFIX", "backups");

        var settings = options.settings(env);

        assertThat(settings.bucket()).isEqualTo("from-env");
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.endpoint()).hasValueSatisfying(u -> assertThat(u).hasPort(9000));
        assertThat(options.layout(env).clusterRoot()).isEqualTo("backups/default/");
    }

    @Test
    void sizes_readableUnits() {
        assertThat(Sizes.binary(512)).isEqualTo("512 B");
        assertThat(Sizes.binary(3L << 20)).isEqualTo("3.0 MiB");
        assertThat(Sizes.etcdStyle(20480)).isEqualTo("20 kB");
        assertThat(Sizes.etcdStyle(2_162_688)).isEqualTo("2.2 MB");
    }
}
