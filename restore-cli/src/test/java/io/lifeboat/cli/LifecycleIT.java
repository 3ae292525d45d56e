package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * {@code lifeboat lifecycle apply} against a real S3 server, one bucket through its life: a team's
 * rule and another cluster's rule are there first, and every apply keeps them exactly. The steps
 * build on each other, hence the order.
 */
@RealS3
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {

    private static final String CLUSTER = "prod";

    private static S3Bucket bucket;
    private static Map<String, String> env;
    private static LifecycleRule teamRule;
    private static LifecycleRule otherClusterRule;

    @BeforeAll
    static void aBucketWithATeamsRuleAndAnotherClustersRule(S3Bucket s3) {
        bucket = s3;
        env = CliRun.env(bucket, CLUSTER);
        teamRule = LifecycleRule.builder().id("team-expire-logs").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("logs/")).expiration(e -> e.days(7)).build();
        // Cluster prod-eu's ids start with "lifeboat-prod-" too: prod must still leave them alone.
        otherClusterRule = LifecycleRule.builder().id("lifeboat-prod-eu-abort-incomplete-uploads")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("prod-eu/snapshots/"))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build();
        bucket.client().putBucketLifecycleConfiguration(r -> r.bucket(bucket.name())
                .lifecycleConfiguration(c -> c.rules(teamRule, otherClusterRule)));
    }

    @Test
    @Order(1)
    void applyDryRun_listsWhatItWouldAdd_andChangesNothing() {
        CliRun run = CliRun.lifeboat(env, "lifecycle", "apply", "--dry-run", "--transition", "monthly=GLACIER_IR:1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("add     lifeboat-prod-tier-monthly", "add     lifeboat-prod-abort-incomplete-uploads",
                "keep    team-expire-logs (not lifeboat's)", "keep    lifeboat-prod-eu-abort-incomplete-uploads",
                "dry run: nothing changed");
        assertThat(rules()).containsExactly(teamRule, otherClusterRule);
    }

    @Test
    @Order(2)
    void apply_storeThatDropsTheTierTagFilter_failsWithExit5_andPutsTheOldConfigurationBack() {
        // S3Mock 5.2 reads the And filter's tags as <Tags> elements, not S3's <Tag>, and keeps the rule without
        // them: on a real store that rule would move every snapshot, whatever its tier, to GLACIER_IR.
        CliRun run = CliRun.lifeboat(env, "lifecycle", "apply", "--transition", "monthly=GLACIER_IR:1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("did not keep rule lifeboat-prod-tier-monthly as written",
                "the configuration read before was put back");
        assertThat(rules()).containsExactly(teamRule, otherClusterRule);
    }

    @Test
    @Order(3)
    void apply_addsOurRule_andKeepsEveryOtherRuleExactly() {
        CliRun run = CliRun.lifeboat(env, "lifecycle", "apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("add     lifeboat-prod-abort-incomplete-uploads",
                "wrote 3 rule(s): 1 added, 0 changed, 0 removed, 2 other rule(s) kept");
        List<LifecycleRule> rules = rules();
        assertThat(rules).contains(teamRule, otherClusterRule).extracting(LifecycleRule::id)
                .containsExactlyInAnyOrder("team-expire-logs", "lifeboat-prod-eu-abort-incomplete-uploads",
                        "lifeboat-prod-abort-incomplete-uploads");
        LifecycleRule abort = rules.stream().filter(r -> r.id().equals("lifeboat-prod-abort-incomplete-uploads"))
                .findFirst().orElseThrow();
        assertThat(abort.filter().prefix()).isEqualTo("prod/snapshots/");
        assertThat(abort.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void applyAgain_isIdempotent_andWritesNothing() {
        List<LifecycleRule> before = rules();

        CliRun run = CliRun.lifeboat(env, "lifecycle", "apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("same    lifeboat-prod-abort-incomplete-uploads", "up to date: nothing written")
                .doesNotContain("add ", "change ", "remove ");
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void applyDryRun_ofATierTransition_showsTheChange_andChangesNothing() {
        List<LifecycleRule> before = rules();

        CliRun run = CliRun.lifeboat(env, "lifecycle", "apply", "--dry-run", "--transition", "monthly=GLACIER_IR:1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("add     lifeboat-prod-tier-monthly",
                "same    lifeboat-prod-abort-incomplete-uploads", "keep    team-expire-logs", "dry run: nothing changed");
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void apply_unreachableStore_isExit5() {
        CliRun run = CliRun.lifeboat(Map.of("LIFEBOAT_S3_BUCKET", bucket.name(), "LIFEBOAT_S3_ENDPOINT",
                "http://127.0.0.1:9", "LIFEBOAT_S3_PATH_STYLE", "true"), "lifecycle", "apply", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("cannot read the lifecycle configuration");
    }

    @Test
    @Order(7)
    void apply_ourIdOnAnotherPrefix_isAUsageError_andChangesNothing() {
        // The same cluster name under another prefix of the bucket: same rule ids, other folder.
        LifecycleRule elsewhere = LifecycleRule.builder().id("lifeboat-prod-abort-incomplete-uploads")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("elsewhere/prod/snapshots/"))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build();
        bucket.client().putBucketLifecycleConfiguration(r -> r.bucket(bucket.name())
                .lifecycleConfiguration(c -> c.rules(teamRule, elsewhere)));

        CliRun run = CliRun.lifeboat(env, "lifecycle", "apply");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("filters 'elsewhere/prod/snapshots/', not 'prod/snapshots/'", "distinct names");
        assertThat(rules()).containsExactly(teamRule, elsewhere);
    }

    private static List<LifecycleRule> rules() {
        return bucket.client().getBucketLifecycleConfiguration(r -> r.bucket(bucket.name())).rules();
    }
}
