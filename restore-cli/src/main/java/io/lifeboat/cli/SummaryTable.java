package io.lifeboat.cli;

import io.lifeboat.catalog.CatalogSummary;
import java.util.List;

/** {@code lifeboat list --summary}: one line (or JSON object) per tier group. */
final class SummaryTable {

    private SummaryTable() {
    }

    static void print(Cli cli, boolean json, List<CatalogSummary.Group> groups) {
        if (json) {
            Json.print(cli.out(), groups);
            return;
        }
        if (groups.isEmpty()) {
            cli.err().println("no snapshots");
            return;
        }
        Table table = new Table("TIER", "COUNT>", "COMPRESSED>", "OLDEST (UTC)", "NEWEST (UTC)");
        groups.forEach(g -> table.row(g.name(), g.count(), Sizes.binary(g.compressedBytes()), g.oldest(), g.newest()));
        table.print(cli.out());
    }
}
