package io.lifeboat.cli;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the snapshots in the bucket, oldest first.",
            "The catalog of manifests: id, time, revision, keys, sizes, tiers. Works with no etcd and no service."})
final class ListCommand implements Callable<Integer> {

    enum Format { table, json }

    private final Cli cli;

    @Mixin
    BucketOptions bucket;

    @Option(names = "--tier", paramLabel = "TIER", description = "Only snapshots in this retention tier (e.g. daily).")
    String tier;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format output;

    ListCommand(Cli cli) {
        this.cli = cli;
    }

    /** One line of the listing. */
    record Entry(String id, Instant time, long revision, long totalKeys, long dbSizeBytes, long compressedSizeBytes,
                 List<String> tiers, String objectKey) {
        static Entry of(Manifest m) {
            return new Entry(m.id(), SnapshotId.parse(m.id()).time(), m.revision(), m.totalKeys(), m.dbSizeBytes(),
                    m.object().sizeBytes(), m.tiers(), m.object().key());
        }
    }

    @Override
    public Integer call() {
        List<Entry> entries;
        try (Bucket b = Bucket.open(bucket, cli.env())) {
            entries = b.catalog().list()
                    .filter(m -> tier == null || m.tiers().contains(tier))
                    .map(Entry::of)
                    .collectList()
                    .block();
            if (output == Format.table && entries.isEmpty()) {
                cli.err().println("no snapshots" + (tier == null ? "" : " in tier " + tier) + " in " + b.describe());
            }
        }
        if (output == Format.json) {
            Json.print(cli.out(), entries);
        } else if (!entries.isEmpty()) {
            Table table = new Table("ID", "TAKEN (UTC)", "REVISION>", "KEYS>", "DB SIZE>", "COMPRESSED>", "TIERS");
            for (Entry e : entries) {
                table.row(e.id(), e.time(), e.revision(), e.totalKeys(), Sizes.binary(e.dbSizeBytes()),
                        Sizes.binary(e.compressedSizeBytes()), e.tiers().isEmpty() ? "-" : String.join(",", e.tiers()));
            }
            table.print(cli.out());
        }
        return ExitCodes.OK;
    }
}
