package io.lifeboat.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.lifecycle.LifecycleConfiguration.Rule;
import io.lifeboat.retention.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleRulesTest {

    private static final BucketLayout PROD = new BucketLayout("backups", "prod");

    @Test
    void forCluster_noTransitions_isOnlyTheAbortRuleOnTheSnapshotsFolder() {
        LifecycleConfiguration config = LifecycleRules.forCluster(PROD, List.of());

        assertThat(config.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("lifeboat-prod-abort-incomplete-uploads");
            assertThat(rule.filter().prefix()).isEqualTo("backups/prod/snapshots/");
            assertThat(rule.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);
            assertThat(rule.transitions()).isEmpty();
        });
    }

    @Test
    void forCluster_aRulePerTier_filteredByFolderAndTierTag_transitionsByDays() {
        LifecycleConfiguration config = LifecycleRules.forCluster(PROD, List.of(
                TierTransition.parse("monthly=GLACIER:200"), TierTransition.parse("daily=GLACIER_IR:1"),
                TierTransition.parse("monthly=GLACIER_IR:1")));

        assertThat(config.rules()).extracting(Rule::id).containsExactly("lifeboat-prod-tier-daily",
                "lifeboat-prod-tier-monthly", "lifeboat-prod-abort-incomplete-uploads");
        Rule monthly = config.rules().get(1);
        assertThat(monthly.filter().prefix()).isNull();
        assertThat(monthly.filter().and().prefix()).isEqualTo("backups/prod/snapshots/");
        assertThat(monthly.filter().and().tags()).containsExactly(new LifecycleConfiguration.Tag("lifeboat-tier", "monthly"));
        assertThat(monthly.transitions()).containsExactly(new LifecycleConfiguration.Transition(1, "GLACIER_IR"),
                new LifecycleConfiguration.Transition(200, "GLACIER"));
    }

    @Test
    void json_isS3sShape_andReadsBackEqual() {
        LifecycleConfiguration config = LifecycleRules.forCluster(PROD, List.of(TierTransition.parse("weekly=GLACIER_IR:0")));

        String json = config.toJson();

        assertThat(json).contains("\"Rules\"", "\"ID\" : \"lifeboat-prod-tier-weekly\"", "\"Status\" : \"Enabled\"",
                "\"And\"", "\"Key\" : \"lifeboat-tier\"", "\"StorageClass\" : \"GLACIER_IR\"",
                "\"DaysAfterInitiation\" : 1").doesNotContain("null");
        assertThat(LifecycleConfiguration.fromJson(json)).isEqualTo(config);
    }

    @Test
    void isOurs_onlyTheExactShapesOfThisCluster_notAClusterWhoseNameStartsTheSame() {
        assertThat(LifecycleRules.isOurs("lifeboat-prod-tier-daily", PROD)).isTrue();
        assertThat(LifecycleRules.isOurs("lifeboat-prod-abort-incomplete-uploads", PROD)).isTrue();
        assertThat(LifecycleRules.isOurs("lifeboat-prod-eu-tier-daily", PROD)).isFalse();
        assertThat(LifecycleRules.isOurs("lifeboat-prod-eu-abort-incomplete-uploads", PROD)).isFalse();
        assertThat(LifecycleRules.isOurs("lifeboat-prod-tier-fortnightly", PROD)).isFalse();
        assertThat(LifecycleRules.isOurs("expire-old-logs", PROD)).isFalse();
        assertThat(LifecycleRules.isOurs(null, PROD)).isFalse();
    }

    @Test
    void forCluster_infrequentAccessSoonerThan30Days_isRefusedAsS3Would() {
        assertThatThrownBy(() -> LifecycleRules.forCluster(PROD, List.of(TierTransition.parse("daily=STANDARD_IA:1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 days");
    }

    @Test
    void forCluster_twoTransitionsOfOneTierToOneClass_isRefused() {
        assertThatThrownBy(() -> LifecycleRules.forCluster(PROD, List.of(TierTransition.parse("daily=GLACIER:1"),
                TierTransition.parse("daily=GLACIER:5"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tier daily");
    }

    @Test
    void parse_badTransitions_sayWhatIsExpected() {
        assertThat(TierTransition.parse(" Monthly=glacier_ir:1")).isEqualTo(
                new TierTransition(Tier.MONTHLY, StorageClass.GLACIER_IR, 1));
        assertThatThrownBy(() -> TierTransition.parse("monthly")).hasMessageContaining("TIER=CLASS:DAYS");
        assertThatThrownBy(() -> TierTransition.parse("fortnightly=GLACIER:1")).hasMessageContaining("unknown tier");
        assertThatThrownBy(() -> TierTransition.parse("monthly=COLD:1")).hasMessageContaining("unknown storage class");
        assertThatThrownBy(() -> TierTransition.parse("monthly=GLACIER:soon")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> TierTransition.parse("monthly=GLACIER:-1")).hasMessageContaining(">= 0");
    }
}
