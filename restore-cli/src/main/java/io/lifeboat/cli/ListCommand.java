package io.lifeboat.cli;

import io.lifeboat.catalog.CatalogEntry;
import io.lifeboat.catalog.CatalogRetention;
import io.lifeboat.catalog.CatalogSummary;
import io.lifeboat.catalog.Orphan;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the snapshots in the bucket, oldest first.",
            "The catalog of manifests: id, time, revision, keys, sizes, tiers. Works with no etcd and no service.",
            "A manifest lifeboat cannot read is listed as UNREADABLE with the reason (restores of latest, --at and"
                + " --revision pass over it); a snapshot object no manifest references, older than --orphan-age, is"
                + " listed last as ORPHAN (the service deletes orphans).",
            "Tiers are those a manifest records (the service's last retention pass); for a manifest that records"
                + " none, those the retention policy (--keep-*) computes now. --summary groups snapshots by the"
                + " highest tier the policy computes now."})
final class ListCommand implements Callable<Integer> {

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    BucketOptions bucket;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--tier", paramLabel = "TIER",
            description = "Only readable snapshots in this retention tier (e.g. daily): the manifest's recorded"
                    + " tiers win; a manifest without any is in the tiers the policy computes now.")
    String tier;

    @Option(names = "--summary", description = "Per tier: count, compressed bytes, oldest and newest snapshot;"
            + " then untiered (the next prune removes them), unreadable and orphan.")
    boolean summary;

    @Option(names = "--orphan-age", paramLabel = "DURATION", defaultValue = "1h",
            description = "An unreferenced snapshot object older than this is an orphan, as the service's"
                    + " lifeboat.s3.orphan-age (default: ${DEFAULT-VALUE}).")
    String orphanAge;

    @Mixin
    TableOrJson format;

    ListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Duration minAge = minAge();
        String tierLabel = tier == null ? null : tier(tier);
        Instant now = Instant.now();
        List<ListEntry> rows = new ArrayList<>();
        try (Bucket b = Bucket.open(bucket, cli.env())) {
            List<CatalogEntry> entries = b.catalog().entries().collectList().block();
            Decision decision = CatalogRetention.decide(entries, now, retention.policy(cli.env()));
            // Orphans have no tier: a listing by tier has none to show.
            List<Orphan> orphans = tier == null ? b.orphans().find(entries, now, minAge).block() : List.of();
            if (summary) {
                SummaryTable.print(cli, format.json(), CatalogSummary.of(entries, decision, orphans));
                return ExitCodes.OK;
            }
            long unreadable = entries.stream().filter(CatalogEntry.Unreadable.class::isInstance).count();
            for (CatalogEntry entry : entries) {
                List<String> tiers = CatalogRetention.tiersOf(entry, decision);
                if (tierLabel == null || entry instanceof CatalogEntry.Readable && tiers.contains(tierLabel)) {
                    rows.add(ListEntry.of(entry, tiers));
                }
            }
            orphans.forEach(orphan -> rows.add(ListEntry.of(orphan, now)));
            if (unreadable > 0) {
                cli.err().println("warning: " + unreadable + " manifest(s) in " + b.describe() + " cannot be read"
                        + (tier == null ? " (UNREADABLE below)" : "") + "; restores of latest, --at and --revision"
                        + " pass over them");
            }
            if (!format.json() && rows.isEmpty()) {
                cli.err().println("no snapshots" + (tier == null ? "" : " in tier " + tier) + " in " + b.describe());
            }
        }
        if (format.json()) {
            Json.print(cli.out(), rows);
        } else if (!rows.isEmpty()) {
            Table table = new Table("ID", "TAKEN (UTC)", "REVISION>", "KEYS>", "DB SIZE>", "COMPRESSED>", "TIERS",
                    "STATUS");
            rows.forEach(row -> table.row(row.row()));
            table.print(cli.out());
        }
        return ExitCodes.OK;
    }

    private String tier(String label) {
        try {
            return Tier.fromLabel(label).label();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tier: " + e.getMessage());
        }
    }

    private Duration minAge() {
        try {
            Duration age = Durations.parse(orphanAge);
            if (age.isZero() || age.isNegative()) {
                throw new IllegalArgumentException("must be more than 0, was '" + orphanAge + "'");
            }
            return age;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--orphan-age: " + e.getMessage());
        }
    }
}
