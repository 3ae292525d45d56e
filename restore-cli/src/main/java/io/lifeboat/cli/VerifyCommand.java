package io.lifeboat.cli;

import io.lifeboat.bbolt.BboltFormatException;
import io.lifeboat.catalog.SnapshotSelector;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.restore.Verified;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks one snapshot in the bucket against its manifest.",
            "Streams the object (nothing is written to disk) and checks its size and SHA-256, zstd's frame checksum,"
                + " etcd's SHA-256 trailer against the SHA-256 of the db, and the revision and key count read from"
                + " the db's bbolt pages. Prints a verdict; exits 4 if anything disagrees."})
final class VerifyCommand implements Callable<Integer> {

    enum Format { text, json }

    private final Cli cli;

    @Parameters(paramLabel = "ID|latest", arity = "0..1", defaultValue = "latest",
            description = "Snapshot id or latest (default).")
    String snapshot;

    @Mixin
    BucketOptions bucket;

    @Mixin
    ThawOptions thaw;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format output;

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Show download progress on stderr; auto: only when stderr is a terminal.")
    ProgressMeter.Mode progress;

    VerifyCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        SnapshotSelector selector = SnapshotSelector.parse(snapshot);
        try (Bucket b = Bucket.open(bucket, cli.env())) {
            Manifest manifest = b.resolve(selector, cli.err());
            thaw.beforeDownload(b.store(), manifest, cli.err());
            ProgressMeter meter = ProgressMeter.of(cli, progress);
            try {
                Verified verified = b.download().verify(manifest, meter).block();
                meter.done();
                report(manifest, verified, null);
                return ExitCodes.OK;
            } catch (SnapshotIntegrityException | BboltFormatException e) {
                meter.done();
                report(manifest, null, e.getMessage());
                return ExitCodes.INTEGRITY;
            }
        }
    }

    private void report(Manifest manifest, Verified verified, String failure) {
        if (output == Format.json) {
            Map<String, Object> verdict = new LinkedHashMap<>();
            verdict.put("id", manifest.id());
            verdict.put("verdict", failure == null ? "ok" : "failed");
            if (failure != null) {
                verdict.put("reason", failure);
            } else {
                verdict.put("objectSha256", verified.objectSha256());
                verdict.put("dbSha256", verified.dbSha256());
                verdict.put("dbSizeBytes", verified.dbSizeBytes());
                verdict.put("revision", verified.revision());
                verdict.put("totalKeys", verified.totalKeys());
            }
            Json.print(cli.out(), verdict);
        } else if (failure == null) {
            cli.out().println("OK " + manifest.id() + ": object SHA-256 " + verified.objectSha256() + " ("
                    + Sizes.binary(manifest.object().sizeBytes()) + "), db SHA-256 " + verified.dbSha256()
                    + " equal to etcd's trailer (" + Sizes.binary(verified.dbSizeBytes()) + "), revision "
                    + verified.revision() + ", " + verified.totalKeys() + " keys: all as the manifest records");
        } else {
            cli.out().println("FAILED " + manifest.id() + ": " + failure);
        }
    }
}
