package io.lifeboat.catalog;

import io.lifeboat.retention.Candidate;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.Listing;
import io.lifeboat.retention.Retention;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.retention.Tier;
import java.time.Instant;
import java.util.List;

/**
 * The retention policy applied to the catalog: the one place that turns catalog entries into
 * the policy's {@link Listing}, so {@code prune}, {@code list --summary} and {@code list --tier}
 * decide alike.
 */
public final class CatalogRetention {

    private CatalogRetention() {
    }

    /**
     * Decides over {@code entries}, which must be the whole catalog ({@link Catalog#entries()}
     * completed): that call fails as a whole when any listing page or read fails, so what it
     * returns is a complete listing. Unreadable entries are unreadable candidates: kept, no tier.
     */
    public static Decision decide(List<CatalogEntry> entries, Instant now, RetentionPolicy policy) {
        List<Candidate> candidates = entries.stream()
                .map(e -> e instanceof CatalogEntry.Readable ? Candidate.readable(e.id()) : Candidate.unreadable(e.id()))
                .toList();
        return Retention.decide(Listing.complete(candidates), now, policy);
    }

    /**
     * The tiers to show and filter by for {@code entry}: the tiers its manifest records when
     * there are any (the service's last retention pass, which tags and lifecycle rules follow),
     * else the tiers {@code decision} computed now (a bucket no retention pass has run over yet).
     */
    public static List<String> tiersOf(CatalogEntry entry, Decision decision) {
        if (entry instanceof CatalogEntry.Readable r && !r.manifest().tiers().isEmpty()) {
            return r.manifest().tiers();
        }
        return decision.tiersOf(entry.id()).stream().map(Tier::label).toList();
    }
}
