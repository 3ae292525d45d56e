package io.lifeboat.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.retention.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleWarningsTest {

    private static final RetentionPolicy DEFAULT = RetentionPolicy.DEFAULT;

    @Test
    void monthlyToGlacierIrAfterADay_withTwelveMonths_isFine() {
        assertThat(LifecycleWarnings.of(List.of(TierTransition.parse("monthly=GLACIER_IR:1")), DEFAULT)).isEmpty();
    }

    @Test
    void dailyToGlacierIr_thirtyOneDaysKept_warnsOfTheNinetyDayMinimum() {
        assertThat(LifecycleWarnings.of(List.of(TierTransition.parse("daily=GLACIER_IR:1")), DEFAULT))
                .singleElement().asString()
                .contains("tier daily", "about 31 day(s)", "about 30 day(s)", "minimum storage duration of 90 days");
    }

    @Test
    void weeklyToDeepArchive_eightWeeks_warns_butYearlyDoesNot() {
        RetentionPolicy withYears = new RetentionPolicy(10, 24, 31, 8, 12, 3, DEFAULT.zone());

        assertThat(LifecycleWarnings.of(List.of(TierTransition.parse("weekly=DEEP_ARCHIVE:1"),
                TierTransition.parse("yearly=DEEP_ARCHIVE:30")), withYears))
                .singleElement().asString().contains("tier weekly", "180 days");
    }

    @Test
    void anyTransitionOfTierLast_warnsThatItsRetentionIsUnknown() {
        assertThat(LifecycleWarnings.of(List.of(TierTransition.parse("last=INTELLIGENT_TIERING:0")), DEFAULT))
                .singleElement().asString().contains("tier last", "unknown");
    }

    @Test
    void transitionLateInTheRetention_warnsEvenWhenTheRetentionExceedsTheMinimum() {
        // 12 months kept, moved after 300 days: about 60 days in GLACIER, billed for 90.
        assertThat(LifecycleWarnings.of(List.of(TierTransition.parse("monthly=GLACIER:300")), DEFAULT))
                .singleElement().asString().contains("about 60 day(s)");
    }

    @Test
    void retentionDays_perTier() {
        assertThat(LifecycleWarnings.retentionDays(Tier.HOURLY, DEFAULT)).hasValue(1);
        assertThat(LifecycleWarnings.retentionDays(Tier.DAILY, DEFAULT)).hasValue(31);
        assertThat(LifecycleWarnings.retentionDays(Tier.WEEKLY, DEFAULT)).hasValue(56);
        assertThat(LifecycleWarnings.retentionDays(Tier.MONTHLY, DEFAULT)).hasValue(360);
        assertThat(LifecycleWarnings.retentionDays(Tier.YEARLY, DEFAULT)).hasValue(0);
        assertThat(LifecycleWarnings.retentionDays(Tier.LAST, DEFAULT)).isEmpty();
    }
}
