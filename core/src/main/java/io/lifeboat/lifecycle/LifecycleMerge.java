package io.lifeboat.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Merges the rules lifeboat wants into a bucket's lifecycle configuration. S3 has one
 * configuration per bucket and a put replaces all of it, so the bucket's other rules (another
 * cluster's, a team's expiry rules) must be carried over exactly as read: every rule that is not
 * ours is kept, in its place; ours are replaced by the wanted ones.
 *
 * <p>Generic over the rule type so the store can merge the SDK's rules (foreign rules may use
 * features lifeboat does not model) and tests can merge plain values.
 */
public final class LifecycleMerge {

    private LifecycleMerge() {
    }

    /**
     * What replacing our rules in {@code current} with {@code wanted} changes.
     *
     * @param added wanted rules with an id the bucket does not have
     * @param changed wanted rules whose id the bucket has with other content (the new content)
     * @param removed our rules in the bucket that are no longer wanted
     * @param unchanged wanted rules the bucket already has exactly
     * @param foreign the bucket's rules that are not ours, kept as they are
     * @param merged the configuration to put: foreign rules first, in the bucket's order, then the wanted ones
     * @param current the bucket's rules as read, to put back if a write goes wrong
     */
    public record Plan<R>(List<R> added, List<R> changed, List<R> removed, List<R> unchanged, List<R> foreign,
                          List<R> merged, List<R> current) {

        /** The rules the bucket should hold of ours after the write. */
        public List<R> wanted() {
            return merged.subList(foreign.size(), merged.size());
        }


        /** Nothing to put: the bucket already holds exactly the wanted rules. */
        public boolean isNoOp() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * @param current the bucket's rules (empty when it has no configuration)
     * @param wanted our rules, each id once and each ours
     * @param idOf a rule's id
     * @param ours whether an id is one of ours
     */
    public static <R> Plan<R> plan(List<R> current, List<R> wanted, Function<R, String> idOf, Predicate<String> ours) {
        Map<String, R> wantedById = new LinkedHashMap<>();
        for (R rule : wanted) {
            String id = idOf.apply(rule);
            if (!ours.test(id)) {
                throw new IllegalArgumentException("rule " + id + " is not a lifeboat rule of this cluster");
            }
            if (wantedById.put(id, rule) != null) {
                throw new IllegalArgumentException("rule " + id + " is wanted twice");
            }
        }
        List<R> foreign = new ArrayList<>();
        Map<String, R> currentOurs = new LinkedHashMap<>();
        for (R rule : current) {
            String id = idOf.apply(rule);
            if (ours.test(id)) {
                currentOurs.put(id, rule);
            } else {
                foreign.add(rule);
            }
        }
        List<R> added = new ArrayList<>();
        List<R> changed = new ArrayList<>();
        List<R> unchanged = new ArrayList<>();
        wantedById.forEach((id, rule) -> {
            R existing = currentOurs.get(id);
            if (existing == null) {
                added.add(rule);
            } else if (Objects.equals(existing, rule)) {
                unchanged.add(rule);
            } else {
                changed.add(rule);
            }
        });
        List<R> removed = currentOurs.entrySet().stream()
                .filter(e -> !wantedById.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<R> merged = new ArrayList<>(foreign);
        merged.addAll(wantedById.values());
        return new Plan<>(List.copyOf(added), List.copyOf(changed), removed, List.copyOf(unchanged),
                List.copyOf(foreign), List.copyOf(merged), List.copyOf(current));
    }
}
