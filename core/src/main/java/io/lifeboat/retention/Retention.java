package io.lifeboat.retention;

import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The retention pass as a pure function: {@code (listing, now, policy) -> decision}. No I/O,
 * no clock: the caller lists the bucket, calls {@link #decide}, then deletes what it says
 * (manifest first) and tags what it keeps.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Order.</b> Snapshots are ranked by {@link SnapshotId#compareTo}: by time, and two
 *       snapshots in the same second by revision (the higher revision is the newer).</li>
 *   <li><b>Tiers</b> (restic's {@code --keep-*} rules). Walking the readable snapshots newest
 *       first, {@link Tier#LAST} takes the first {@code keepLast}; each period tier takes a
 *       snapshot when it is the first one seen in its period (so the newest of that period),
 *       until it has taken as many periods as its count. Only periods that contain a readable
 *       snapshot use up a slot: a week with the node down does not shorten the daily tier.
 *       The period of {@code now} is not special, and {@code now} does not move any window.
 *       A snapshot may hold several tiers; one that holds none is pruned.</li>
 *   <li><b>Periods</b> are wall-clock labels in the policy's zone (local hour, date, ISO week,
 *       month, year), as restic and borg format them: on a fall-back day the repeated hour is
 *       one hourly period, a spring-forward day has 23; a 25-hour day is one daily period.</li>
 *   <li><b>Unreadable entries</b> (no manifest could be read) are kept, hold no tier and take
 *       no slot: they are neither trusted as restore points nor deleted on a guess.</li>
 *   <li><b>Newest restorable</b> = the greatest id among the readable candidates. It is never
 *       pruned. (Every non-zero tier already takes it; the guard makes the promise hold for any
 *       future rule too.)</li>
 *   <li><b>Refusals</b> prune nothing and say why ({@link Decision#refusal}): an incomplete
 *       listing; and a pass that would prune every readable snapshot (only a policy whose
 *       counts are all 0 does that). Every candidate is then in {@code kept}.</li>
 *   <li><b>Clock skew.</b> Snapshots later than {@code now} are kept and counted as normal, and
 *       reported in {@link Decision#takenAfterNow} for a warning.</li>
 *   <li><b>Empty listing:</b> nothing kept, nothing pruned, no refusal unless incomplete.</li>
 *   <li><b>Stable.</b> Running again on the survivors prunes nothing;
 *       pruning after every new snapshot keeps exactly what one pass at the end would keep
 *       (a snapshot kept at the end was the newest of its period, with no more newer periods,
 *       at every earlier pass too).</li>
 * </ul>
 */
public final class Retention {

    private Retention() {
    }

    /**
     * Decides one pass.
     *
     * @param listing what the bucket listing found, and whether it saw everything
     * @param now the pass's clock, used only to report snapshots from the future: the rules
     *     count periods that hold a snapshot, not periods counted back from {@code now}
     * @param policy how many of each tier to keep, and the zone periods are taken in
     * @return every candidate either kept (with its tiers) or to prune, or a refusal
     */
    public static Decision decide(Listing listing, Instant now, RetentionPolicy policy) {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");

        List<SnapshotId> readableNewestFirst = listing.candidates().stream()
                .filter(Candidate::readable)
                .map(Candidate::id)
                .sorted(Comparator.reverseOrder())
                .toList();
        Map<SnapshotId, Set<Tier>> tiers = assignTiers(readableNewestFirst, policy);

        List<SnapshotId> prune = readableNewestFirst.stream().filter(id -> tiers.get(id).isEmpty()).toList();
        Optional<String> refusal = refusal(listing, readableNewestFirst.size(), prune.size());
        if (refusal.isPresent()) {
            prune = List.of();
        } else if (!readableNewestFirst.isEmpty()) {
            SnapshotId newestRestorable = readableNewestFirst.get(0);
            prune = prune.stream().filter(id -> !id.equals(newestRestorable)).toList();
        }

        Set<SnapshotId> pruned = Set.copyOf(prune);
        Map<SnapshotId, Set<Tier>> kept = new HashMap<>();
        for (Candidate candidate : listing.candidates()) {
            if (!pruned.contains(candidate.id())) {
                kept.put(candidate.id(), tiers.getOrDefault(candidate.id(), Set.of()));
            }
        }
        return new Decision(kept, prune, refusal, takenAfter(now, listing));
    }

    // One walk per tier over the readable snapshots, newest first, as restic does.
    private static Map<SnapshotId, Set<Tier>> assignTiers(List<SnapshotId> newestFirst, RetentionPolicy policy) {
        Map<SnapshotId, Set<Tier>> tiers = new LinkedHashMap<>();
        newestFirst.forEach(id -> tiers.put(id, EnumSet.noneOf(Tier.class)));
        for (Tier tier : Tier.values()) {
            int slots = policy.count(tier);
            // A set of seen periods, not "differs from the previous one": a period is then one
            // slot even if it is not one stretch of time (a zone whose clock jumps back over midnight).
            Set<Object> seen = new HashSet<>();
            for (SnapshotId id : newestFirst) {
                if (slots == 0) {
                    break;
                }
                if (seen.add(tier.periodOf(id, policy.zone()))) {
                    tiers.get(id).add(tier);
                    slots--;
                }
            }
        }
        return tiers;
    }

    private static Optional<String> refusal(Listing listing, int readable, int wouldPrune) {
        if (!listing.isComplete()) {
            return Optional.of("listing incomplete (" + listing.incompleteBecause().orElseThrow()
                    + "): pruning nothing this pass, " + wouldPrune + " snapshot(s) would have been pruned");
        }
        // Checked before the newest-restorable guard: a policy that keeps nothing is a
        // misconfiguration to report, not a reason to delete all but one snapshot.
        if (readable > 0 && wouldPrune == readable) {
            return Optional.of("the policy would prune every one of the " + readable
                    + " restorable snapshot(s): pruning nothing; set at least one lifeboat.retention.keep-* above 0");
        }
        return Optional.empty();
    }

    private static List<SnapshotId> takenAfter(Instant now, Listing listing) {
        return listing.candidates().stream()
                .map(Candidate::id)
                .filter(id -> id.time().isAfter(now))
                .sorted()
                .toList();
    }
}
