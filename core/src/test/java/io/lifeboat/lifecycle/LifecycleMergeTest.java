package io.lifeboat.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LifecycleMergeTest {

    /** A rule as the merge sees it: an id and some content. */
    private record R(String id, String content) {
    }

    private static final Predicate<String> OURS = id -> id.startsWith("lifeboat-prod-");

    @Test
    void plan_noConfiguration_addsEveryWantedRule() {
        LifecycleMerge.Plan<R> plan = plan(List.of(), List.of(r("lifeboat-prod-a", "1"), r("lifeboat-prod-b", "1")));

        assertThat(plan.added()).extracting(R::id).containsExactly("lifeboat-prod-a", "lifeboat-prod-b");
        assertThat(plan.merged()).isEqualTo(plan.added());
        assertThat(plan.isNoOp()).isFalse();
    }

    @Test
    void plan_keepsEveryForeignRuleAsItWas_andReplacesOnlyOurs() {
        R expiry = r("team-expire-logs", "after 7 days");
        R otherTool = r("abort-uploads", "1 day");
        List<R> current = List.of(expiry, r("lifeboat-prod-a", "old"), otherTool, r("lifeboat-prod-gone", "x"),
                r("lifeboat-prod-b", "1"));

        LifecycleMerge.Plan<R> plan = plan(current, List.of(r("lifeboat-prod-a", "new"), r("lifeboat-prod-b", "1"),
                r("lifeboat-prod-c", "1")));

        assertThat(plan.foreign()).containsExactly(expiry, otherTool);
        assertThat(plan.changed()).containsExactly(r("lifeboat-prod-a", "new"));
        assertThat(plan.unchanged()).containsExactly(r("lifeboat-prod-b", "1"));
        assertThat(plan.added()).containsExactly(r("lifeboat-prod-c", "1"));
        assertThat(plan.removed()).containsExactly(r("lifeboat-prod-gone", "x"));
        assertThat(plan.merged()).containsExactly(expiry, otherTool, r("lifeboat-prod-a", "new"),
                r("lifeboat-prod-b", "1"), r("lifeboat-prod-c", "1"));
    }

    @Test
    void plan_bucketAlreadyHoldsTheWantedRules_isANoOp() {
        List<R> current = List.of(r("team", "x"), r("lifeboat-prod-a", "1"));

        LifecycleMerge.Plan<R> plan = plan(current, List.of(r("lifeboat-prod-a", "1")));

        assertThat(plan.isNoOp()).isTrue();
        assertThat(plan.merged()).containsExactlyElementsOf(current);
    }

    @Test
    void plan_foreignRuleWithoutAnId_isKept() {
        R anonymous = r(null, "S3 gives it an id");

        LifecycleMerge.Plan<R> plan = plan(List.of(anonymous), List.of(r("lifeboat-prod-a", "1")));

        assertThat(plan.foreign()).containsExactly(anonymous);
        assertThat(plan.merged()).contains(anonymous);
    }

    @Test
    void plan_wantedRuleThatIsNotOurs_isRefused() {
        assertThatThrownBy(() -> plan(List.of(), List.of(r("team", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("team");
        assertThatThrownBy(() -> plan(List.of(), List.of(r("lifeboat-prod-a", "1"), r("lifeboat-prod-a", "2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    private static LifecycleMerge.Plan<R> plan(List<R> current, List<R> wanted) {
        return LifecycleMerge.plan(current, wanted, R::id, id -> id != null && OURS.test(id));
    }

    private static R r(String id, String content) {
        return new R(id, content);
    }
}
