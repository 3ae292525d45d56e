package io.lifeboat.store;

import io.lifeboat.lifecycle.LifecycleConfiguration;
import io.lifeboat.lifecycle.LifecycleMerge;
import java.util.List;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Exception;
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

    private final S3AsyncClient s3;
    private final S3Settings settings;

    public BucketLifecycle(S3AsyncClient s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** The bucket's rules; empty when it has no lifecycle configuration. */
    public Mono<List<LifecycleRule>> rules() {
        return Mono.fromFuture(() -> s3.getBucketLifecycleConfiguration(r -> r.bucket(settings.bucket())))
                .map(response -> List.copyOf(response.rules()))
                .onErrorResume(BucketLifecycle::isNoConfiguration, none -> Mono.just(List.of()))
                .onErrorMap(e -> wrap("cannot read the lifecycle configuration", e));
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
                        throw new IllegalArgumentException("lifecycle rule " + rule.id() + " of " + settings.describe()
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
                            + settings.describe() + " did not keep rule " + asWritten.id() + " as written (wrote "
                            + asWritten + ", read back " + asKept + "): the store's lifecycle support is incomplete;"
                            + " the configuration read before was put back", null)));
                });
    }

    private Mono<Void> put(List<LifecycleRule> rules) {
        // S3 refuses a configuration without rules: none means no configuration.
        Mono<?> call = rules.isEmpty()
                ? Mono.fromFuture(() -> s3.deleteBucketLifecycle(r -> r.bucket(settings.bucket())))
                : Mono.fromFuture(() -> s3.putBucketLifecycleConfiguration(r -> r.bucket(settings.bucket())
                        .lifecycleConfiguration(c -> c.rules(rules))));
        return call.then().onErrorMap(e -> wrap("cannot write the lifecycle configuration", e));
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

    private static boolean isNoConfiguration(Throwable e) {
        return e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                && "NoSuchLifecycleConfiguration".equals(s3e.awsErrorDetails().errorCode());
    }

    private Throwable wrap(String what, Throwable e) {
        if (e instanceof StoreException) {
            return e;
        }
        Throwable cause = e.getCause() != null && !(e instanceof S3Exception) ? e.getCause() : e;
        if (S3Store.isNotImplemented(cause)) {
            return new StoreException(what + " of " + settings.describe() + ": the store has no lifecycle support"
                    + " (NotImplemented); move tiers and abort incomplete uploads with the store's own tools", e);
        }
        return new StoreException(what + " of " + settings.describe() + ": " + MultipartUploader.rootMessage(e), e);
    }
}
