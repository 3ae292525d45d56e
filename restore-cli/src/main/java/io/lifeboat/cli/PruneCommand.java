package io.lifeboat.cli;

import io.lifeboat.catalog.CatalogEntry;
import io.lifeboat.catalog.CatalogRetention;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows what the retention policy keeps and what it would prune (--dry-run).",
            "The policy is the service's: the same --keep-* settings and environment variables. Each snapshot is"
                + " kept with its tiers or pruned; an unreadable manifest is kept, with no tier. A pass that would"
                + " prune every snapshot is refused, with the reason. Pruning itself is done by the service, the"
                + " cluster's one writer, under its etcd lock; this command only looks, and needs --dry-run to say so."})
final class PruneCommand implements Callable<Integer> {

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    BucketOptions bucket;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--dry-run", description = "Only show the decision; delete nothing (required).")
    boolean dryRun;

    @Mixin
    TableOrJson format;

    PruneCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (!dryRun) {
            // Only the cluster's one writer deletes: the service, under its etcd backup lock, which the CLI
            // (made to work with no cluster) cannot take. A second deleter could race the service's own pass.
            throw new ParameterException(spec.commandLine(), "pruning is done by the lifeboat service under its"
                    + " backup lock; pass --dry-run to see what it would keep and prune");
        }
        RetentionPolicy policy = retention.policy(cli.env());
        Instant now = Instant.now();
        List<CatalogEntry> entries;
        try (Bucket b = Bucket.open(bucket, cli.env())) {
            // entries() fails as a whole (exit 5) when any page or read fails: nothing is decided from part of a listing.
            entries = b.catalog().entries().collectList().block();
        }
        Decision decision = CatalogRetention.decide(entries, now, policy);
        decision.refusal().ifPresent(reason -> cli.err().println("refused: " + reason));
        if (!decision.takenAfterNow().isEmpty()) {
            cli.err().println("warning: " + decision.takenAfterNow().size() + " snapshot(s) are later than this"
                    + " machine's clock (" + now + "), first " + decision.takenAfterNow().get(0) + ": check the clocks");
        }
        List<PruneEntry> rows = entries.stream().map(entry -> PruneEntry.of(entry, decision)).toList();
        if (format.json()) {
            Json.print(cli.out(), new PruneEntry.Report(policy, now, decision.refusal().orElse(null),
                    decision.kept().size(), decision.prune().size(), rows));
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "TAKEN (UTC)", "DECISION", "TIERS", "HIGHEST", "STATUS");
        rows.forEach(row -> table.row(row.row()));
        if (!rows.isEmpty()) {
            table.print(cli.out());
        }
        cli.out().println("keep " + decision.kept().size() + ", prune " + decision.prune().size()
                + (decision.refused() ? " (refused: nothing would be pruned)" : " (dry run: nothing deleted)"));
        return ExitCodes.OK;
    }
}
