package io.lifeboat.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifeboat.catalog.CatalogEntry;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.retention.Tier;
import java.time.Instant;
import java.util.List;

/**
 * One snapshot of {@code lifeboat prune --dry-run}: what the policy decided for it.
 *
 * @param decision {@code keep} or {@code prune}
 * @param tiers the tiers the policy computes now, in rank order; empty for a pruned snapshot and
 *     for one kept only for safety (unreadable, or a refused pass)
 * @param highestTier the longest-period tier among {@code tiers}, absent when there is none
 * @param status {@code ok} or {@code unreadable}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PruneEntry(String id, Instant time, String decision, List<String> tiers, String highestTier,
                  String status, Long compressedSizeBytes, String reason) {

    static PruneEntry of(CatalogEntry entry, Decision decision) {
        boolean kept = decision.kept().containsKey(entry.id());
        List<String> tiers = decision.tiersOf(entry.id()).stream().map(Tier::label).toList();
        String highest = decision.highest(entry.id()).map(Tier::label).orElse(null);
        if (entry instanceof CatalogEntry.Readable r) {
            return new PruneEntry(r.id().toString(), r.id().time(), kept ? "keep" : "prune", tiers, highest, "ok",
                    r.manifest().object().sizeBytes(), null);
        }
        CatalogEntry.Unreadable u = (CatalogEntry.Unreadable) entry;
        return new PruneEntry(u.id().toString(), u.id().time(), "keep", tiers, highest, "unreadable", null,
                "manifest cannot be read (" + u.reason() + "): kept, never pruned on a guess");
    }

    /** The table row: ID, TAKEN, DECISION, TIERS, HIGHEST, STATUS. */
    Object[] row() {
        return new Object[] {id, time, decision, tiers.isEmpty() ? "-" : String.join(",", tiers),
            highestTier == null ? "-" : highestTier, "unreadable".equals(status) ? "UNREADABLE " + reason : status};
    }

    /** The {@code -o json} document. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Report(Policy policy, Instant now, String refusal, int kept, int prune, List<PruneEntry> snapshots) {

        Report(RetentionPolicy p, Instant now, String refusal, int kept, int prune, List<PruneEntry> snapshots) {
            this(new Policy(p.keepLast(), p.keepHourly(), p.keepDaily(), p.keepWeekly(), p.keepMonthly(),
                    p.keepYearly(), p.zone().getId()), now, refusal, kept, prune, snapshots);
        }
    }

    record Policy(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly, int keepYearly,
                  String zone) {
    }
}
