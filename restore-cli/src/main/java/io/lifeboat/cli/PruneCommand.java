package io.lifeboat.cli;

import io.lifeboat.catalog.CatalogEntry;
import io.lifeboat.catalog.CatalogRetention;
import io.lifeboat.catalog.SnapshotPruner;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prunes the snapshots the retention policy keeps no tier for, or shows what it would (--dry-run).",
            "The policy is the service's: the same --keep-* settings and environment variables. Each snapshot is"
                + " kept with its tiers or pruned; an unreadable manifest is kept, with no tier. A pass that would"
                + " prune every snapshot is refused, with the reason (exit 2 without --dry-run). A pruned snapshot's"
                + " manifest is deleted first, then its object, unless a kept manifest references that object."})
final class PruneCommand implements Callable<Integer> {

    enum Format { table, json }

    private final Cli cli;

    @Mixin
    BucketOptions bucket;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--dry-run", description = "Only show the decision; delete nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format output;

    PruneCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        RetentionPolicy policy = retention.policy(cli.env());
        Instant now = Instant.now();
        List<CatalogEntry> entries;
        Decision decision;
        List<SnapshotPruner.Pruned> pruned = null;
        try (Bucket b = Bucket.open(bucket, cli.env())) {
            // entries() fails as a whole (exit 5) when any page or read fails: nothing is decided from part of a listing.
            entries = b.catalog().entries().collectList().block();
            decision = CatalogRetention.decide(entries, now, policy);
            // A backup the service commits meanwhile is not in this listing; that is safe: a newer snapshot only
            // ever takes tiers away from older ones, so deciding without it prunes less, never more.
            if (!dryRun) {
                pruned = b.pruner().prune(entries, decision).block();
            }
        }
        decision.refusal().ifPresent(reason -> cli.err().println("refused: " + reason));
        if (!decision.takenAfterNow().isEmpty()) {
            cli.err().println("warning: " + decision.takenAfterNow().size() + " snapshot(s) are later than this"
                    + " machine's clock (" + now + "), first " + decision.takenAfterNow().get(0) + ": check the clocks");
        }
        List<PruneEntry> rows = entries.stream().map(entry -> PruneEntry.of(entry, decision)).toList();
        if (output == Format.json) {
            Json.print(cli.out(), new PruneEntry.Report(policy, now, decision.refusal().orElse(null),
                    decision.kept().size(), decision.prune().size(), rows, pruned));
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "TAKEN (UTC)", "DECISION", "TIERS", "HIGHEST", "STATUS");
        rows.forEach(row -> table.row(row.row()));
        if (!rows.isEmpty()) {
            table.print(cli.out());
        }
        cli.out().println("keep " + decision.kept().size() + ", prune " + decision.prune().size()
                + (decision.refused() ? " (refused: nothing would be pruned)" : dryRun ? " (dry run: nothing deleted)" : ""));
        if (pruned != null) {
            pruned.forEach(p -> cli.out().println("pruned " + p.id() + ": deleted " + p.manifestKey() + ", "
                    + p.objectKeptBecause().map(why -> "kept " + p.objectKey() + " (" + why + ")")
                            .orElse("deleted " + p.objectKey())));
        }
        return ExitCodes.OK;
    }
}
