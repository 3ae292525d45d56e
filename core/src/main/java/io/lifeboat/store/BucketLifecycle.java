package io.lifeboat.store;

import io.lifeboat.lifecycle.LifecycleConfiguration;
import io.lifeboat.lifecycle.LifecycleMerge;
import java.util.List;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Transition;

/**
 * The bucket's lifecycle configuration: read it, merge lifeboat's rules into it
 * ({@link LifecycleMerge}), write it back. Rules are the SDK's own values, so a rule lifeboat did
 * not write goes back exactly as it was read, whatever features it uses.
 *
 * <p>S3 has no conditional put for lifecycle configurations: a change made by someone else
 * between the read and the write is lost. The window is one round trip; the merge is run by a
 * person, not on a schedule.
 */
public final class BucketLifecycle {

    private final ObjectStore store;

    public BucketLifecycle(ObjectStore store) {
        this.store = store;
    }

    /** The bucket's rules; empty when it has no lifecycle configuration. */
    public Mono<List<LifecycleRule>> rules() {
        return store.lifecycleRules().onErrorMap(BucketLifecycle::explained);
    }

    /**
     * What putting {@code wanted} would change, from the bucket's current rules.
     *
     * @param snapshotsPrefix the folder all of ours filter on: a rule with one of our ids on another
     *     folder belongs to a deployment with the same cluster name under another prefix, and is
     *     refused (IllegalArgumentException, a configuration error) rather than replaced
     */
    public Mono<LifecycleMerge.Plan<LifecycleRule>> plan(LifecycleConfiguration wanted, Predicate<String> ours,
                                                         String snapshotsPrefix) {
        List<LifecycleRule> wantedRules = wanted.rules().stream().map(BucketLifecycle::toSdk).toList();
        return rules().map(current -> {
            current.stream().filter(rule -> ours.test(rule.id()) && !snapshotsPrefix.equals(prefixOf(rule))).findFirst()
                    .ifPresent(rule -> {
                        throw new IllegalArgumentException("lifecycle rule " + rule.id() + " of " + store.describe()
                                + " filters '" + prefixOf(rule) + "', not '" + snapshotsPrefix + "': it belongs to"
                                + " a lifeboat with the same cluster name under another prefix; give the clusters"
                                + " distinct names (rule ids carry only the cluster name)");
                    });
            return LifecycleMerge.plan(current, wantedRules, LifecycleRule::id, ours);
        });
    }

    private static String prefixOf(LifecycleRule rule) {
        if (rule.filter() == null) {
            return rule.prefix();
        }
        return rule.filter().and() != null ? rule.filter().and().prefix() : rule.filter().prefix();
    }

    /**
     * Writes the plan's merged rules, unless there is nothing to change, then reads them back: a
     * store that kept our rules other than written (a tier rule without its tag filter would move
     * every snapshot) gets the configuration it had before put back, and the apply fails.
     *
     * @return the plan
     */
    public Mono<LifecycleMerge.Plan<LifecycleRule>> apply(LifecycleMerge.Plan<LifecycleRule> plan) {
        if (plan.isNoOp()) {
            return Mono.just(plan);
        }
        return put(plan.merged())
                .then(rules())
                .flatMap(after -> {
                    List<LifecycleRule> mangled = plan.wanted().stream().filter(rule -> !after.contains(rule)).toList();
                    if (mangled.isEmpty()) {
                        return Mono.just(plan);
                    }
                    LifecycleRule asWritten = mangled.get(0);
                    LifecycleRule asKept = after.stream().filter(r -> asWritten.id().equals(r.id())).findFirst().orElse(null);
                    return put(plan.current()).then(Mono.error(new StoreException("the lifecycle configuration of "
                            + store.describe() + " did not keep rule " + asWritten.id() + " as written (wrote "
                            + asWritten + ", read back " + asKept + "): the store's lifecycle support is incomplete;"
                            + " the configuration read before was put back", null)));
                });
    }

    private Mono<Void> put(List<LifecycleRule> rules) {
        return store.replaceLifecycleRules(rules).onErrorMap(BucketLifecycle::explained);
    }

    /** The rules' ids, for messages. */
    public static List<String> ids(List<LifecycleRule> rules) {
        return rules.stream().map(LifecycleRule::id).toList();
    }

    /** The SDK's form of one of lifeboat's rules. */
    public static LifecycleRule toSdk(LifecycleConfiguration.Rule rule) {
        LifecycleRule.Builder sdk = LifecycleRule.builder().id(rule.id()).status(ExpirationStatus.fromValue(rule.status()))
                .filter(filter(rule.filter()));
        if (!rule.transitions().isEmpty()) {
            sdk.transitions(rule.transitions().stream()
                    .map(t -> Transition.builder().days(t.days()).storageClass(t.storageClass()).build()).toList());
        }
        if (rule.abortIncompleteMultipartUpload() != null) {
            sdk.abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder()
                    .daysAfterInitiation(rule.abortIncompleteMultipartUpload().daysAfterInitiation()).build());
        }
        return sdk.build();
    }

    private static LifecycleRuleFilter filter(LifecycleConfiguration.Filter filter) {
        if (filter.and() == null) {
            return LifecycleRuleFilter.builder().prefix(filter.prefix()).build();
        }
        return LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder().prefix(filter.and().prefix())
                .tags(filter.and().tags().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList())
                .build()).build();
    }

    /** A store without lifecycle support gets the remedy with its error. */
    private static Throwable explained(Throwable e) {
        return e instanceof StoreFeatureUnsupportedException
                ? new StoreFeatureUnsupportedException(e.getMessage() + ": move tiers and abort incomplete uploads"
                        + " with the store's own tools", e)
                : e;
    }
}
