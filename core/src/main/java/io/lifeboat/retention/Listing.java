package io.lifeboat.retention;

import io.lifeboat.snapshot.SnapshotId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The snapshots one listing of the bucket found, and whether that listing saw everything.
 * A listing that stopped early (a failed page, a timeout) is incomplete: pruning from it
 * could delete a snapshot whose newer neighbours were simply not seen, so the policy refuses.
 *
 * @param candidates the snapshots found, in any order, each id once
 * @param incompleteBecause empty for a complete listing; otherwise why it is not, for the log
 */
public record Listing(List<Candidate> candidates, Optional<String> incompleteBecause) {

    public Listing {
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(incompleteBecause, "incompleteBecause");
        Set<SnapshotId> ids = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (!ids.add(candidate.id())) {
                // Ids are unique in a bucket; a duplicate means the caller merged listings wrongly.
                throw new IllegalArgumentException("snapshot " + candidate.id() + " is listed twice");
            }
        }
    }

    /** A listing that went through every page. */
    public static Listing complete(List<Candidate> candidates) {
        return new Listing(candidates, Optional.empty());
    }

    /** A listing that stopped early, with the reason (e.g. "page 3 failed: 503 Slow Down"). */
    public static Listing incomplete(List<Candidate> candidates, String because) {
        return new Listing(candidates, Optional.of(because));
    }

    public boolean isComplete() {
        return incompleteBecause.isEmpty();
    }
}
