package io.lifeboat.cli;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.lifecycle.LifecycleConfiguration;
import io.lifeboat.lifecycle.LifecycleRules;
import io.lifeboat.lifecycle.LifecycleWarnings;
import io.lifeboat.lifecycle.TierTransition;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The lifecycle rules {@code lifecycle print} and {@code lifecycle apply} generate: the tiers'
 * transitions, and the retention policy they are checked against.
 */
final class LifecycleOptions {

    @Option(names = "--transition", paramLabel = "TIER=CLASS:DAYS",
            description = "Move snapshots of TIER to storage CLASS DAYS days after they were written, e.g."
                    + " monthly=GLACIER_IR:1 (repeatable; default none: only the rule that aborts incomplete uploads)."
                    + " Classes: STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE.")
    List<String> transitions = new ArrayList<>();

    @Mixin
    RetentionOptions retention;

    /** Our rules for {@code layout}; the cost warnings go to stderr. */
    LifecycleConfiguration configuration(Cli cli, BucketLayout layout) {
        List<TierTransition> parsed = transitions.stream().map(LifecycleOptions::parse).toList();
        LifecycleConfiguration configuration = LifecycleRules.forCluster(layout, parsed);
        LifecycleWarnings.of(parsed, retention.policy(cli.env())).forEach(w -> cli.err().println("warning: " + w));
        return configuration;
    }

    private static TierTransition parse(String text) {
        try {
            return TierTransition.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--transition: " + e.getMessage(), e);
        }
    }
}
