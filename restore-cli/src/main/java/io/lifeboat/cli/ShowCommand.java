package io.lifeboat.cli;

import io.lifeboat.catalog.SnapshotSelector;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows the manifest of one snapshot.",
            "What it holds, where it came from, how it is stored."})
final class ShowCommand implements Callable<Integer> {

    enum Format { text, json }

    private final Cli cli;

    @Parameters(paramLabel = "ID|latest", arity = "0..1", defaultValue = "latest",
            description = "Snapshot id (as `lifeboat list` shows it) or latest (default).")
    String snapshot;

    @Mixin
    BucketOptions bucket;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "text, or json: the manifest exactly as stored (default: ${DEFAULT-VALUE}).")
    Format output;

    ShowCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        SnapshotSelector selector = SnapshotSelector.parse(snapshot);
        Manifest m;
        try (Bucket b = Bucket.open(bucket, cli.env())) {
            m = b.resolve(selector, cli.err());
        }
        if (output == Format.json) {
            cli.out().print(new String(ManifestCodec.write(m), StandardCharsets.UTF_8));
            return ExitCodes.OK;
        }
        Table t = new Table("FIELD", "VALUE");
        t.row("id", m.id()).row("cluster", m.cluster()).row("revision", m.revision()).row("total keys", m.totalKeys())
                .row("db size", m.dbSizeBytes() + " bytes (" + Sizes.binary(m.dbSizeBytes()) + ")")
                .row("db sha256", m.dbSha256())
                .row("object", m.object().key())
                .row("object size", m.object().sizeBytes() + " bytes (" + Sizes.binary(m.object().sizeBytes()) + ")")
                .row("object sha256", m.object().sha256())
                .row("parts", m.object().parts().size() + " x " + Sizes.binary(m.object().partSizeBytes()) + ", "
                        + m.object().checksumAlgorithm())
                .row("compression", m.compression().codec() + " level " + m.compression().level())
                .row("taken", m.timings().startedAt() + " (" + m.timings().durationMillis() + " ms)")
                .row("etcd", "version " + m.etcd().version() + ", member " + m.etcd().memberName() + " "
                        + m.etcd().memberId() + ", cluster " + m.etcd().clusterId())
                .row("etcd endpoint", m.etcd().endpoint())
                .row("etcd image", m.etcd().image().isEmpty() ? "-" : m.etcd().image())
                .row("tiers", m.tiers().isEmpty() ? "-" : String.join(",", m.tiers()))
                .row("written by", m.tool().name() + " " + m.tool().version());
        t.print(cli.out());
        return ExitCodes.OK;
    }
}
