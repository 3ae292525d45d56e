package io.lifeboat.catalog;

import io.lifeboat.retention.Decision;
import io.lifeboat.retention.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The catalog per tier: each readable snapshot counted once, under the highest tier the policy
 * gives it now (so the groups add up to the catalog and say what each storage class would hold,
 * as the object tag carries the highest tier); then readable snapshots the policy holds no tier
 * for ({@code untiered}: the next prune removes them), unreadable manifests and orphan objects.
 * Groups with nothing in them are left out.
 */
public final class CatalogSummary {

    public static final String UNTIERED = "untiered";
    public static final String UNREADABLE = "unreadable";
    public static final String ORPHAN = "orphan";

    private CatalogSummary() {
    }

    /**
     * One group.
     *
     * @param compressedBytes sum of the objects' sizes as the manifests (orphans: the listing) give
     *     them; 0 for unreadable manifests, whose object size is unknown
     * @param oldest the earliest snapshot time (orphans: last-modified time)
     */
    public record Group(String name, int count, long compressedBytes, Instant oldest, Instant newest) {

        Group plus(long bytes, Instant time) {
            return new Group(name, count + 1, compressedBytes + bytes,
                    oldest == null || time.isBefore(oldest) ? time : oldest,
                    newest == null || time.isAfter(newest) ? time : newest);
        }
    }

    /** Groups from yearly down to last, then untiered, unreadable, orphan. */
    public static List<Group> of(List<CatalogEntry> entries, Decision decision, List<Orphan> orphans) {
        Map<String, Group> groups = new LinkedHashMap<>();
        List<Tier> ranks = new ArrayList<>(List.of(Tier.values()));
        ranks.sort(Comparator.reverseOrder());
        ranks.forEach(tier -> groups.put(tier.label(), new Group(tier.label(), 0, 0, null, null)));
        for (String name : List.of(UNTIERED, UNREADABLE, ORPHAN)) {
            groups.put(name, new Group(name, 0, 0, null, null));
        }
        for (CatalogEntry entry : entries) {
            if (entry instanceof CatalogEntry.Readable r) {
                String name = decision.highest(r.id()).map(Tier::label).orElse(UNTIERED);
                groups.computeIfPresent(name, (n, g) -> g.plus(r.manifest().object().sizeBytes(), r.id().time()));
            } else {
                groups.computeIfPresent(UNREADABLE, (n, g) -> g.plus(0, entry.id().time()));
            }
        }
        for (Orphan orphan : orphans) {
            groups.computeIfPresent(ORPHAN, (n, g) -> g.plus(orphan.sizeBytes(), Objects.requireNonNull(orphan.lastModified())));
        }
        return groups.values().stream().filter(g -> g.count() > 0).toList();
    }
}
