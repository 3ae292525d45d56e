package io.lifeboat.cli;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.lifecycle.LifecycleRules;
import io.lifeboat.lifecycle.LifecycleConfiguration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import io.lifeboat.store.BucketLifecycle;

/**
 * {@code lifeboat lifecycle print|apply}: the bucket lifecycle rules that move tiers between
 * storage classes (by the {@code lifeboat-tier} object tag) and abort incomplete uploads.
 */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        description = {"Prints or applies the bucket lifecycle rules for this cluster's snapshots.",
            "Rule ids start with lifeboat-<cluster>-; every other rule of the bucket is kept as it is."})
final class LifecycleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a lifecycle command: print or apply");
    }

    @Command(name = "print", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints the lifecycle rules for this cluster as S3's JSON (what"
                + " aws s3api put-bucket-lifecycle-configuration --lifecycle-configuration file://... takes).",
                "Needs no bucket: only --prefix and --cluster. Warns when a storage class's minimum storage"
                    + " duration outlasts a tier's retention."})
    static final class Print implements Callable<Integer> {

        enum Format { json }

        private final Cli cli;

        @Mixin
        BucketOptions bucket;

        @Mixin
        LifecycleOptions lifecycle;

        @Option(names = {"-o", "--output"}, paramLabel = "json", defaultValue = "json",
                description = "Output format (default: ${DEFAULT-VALUE}).")
        Format output;

        Print(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            cli.out().println(lifecycle.configuration(cli, bucket.layout(cli.env())).toJson());
            return ExitCodes.OK;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Puts this cluster's lifecycle rules into the bucket's lifecycle configuration.",
                "Reads the configuration, replaces the rules lifeboat wrote for this cluster, keeps every other"
                    + " rule exactly, and writes it back only if something changed. --dry-run prints the change"
                    + " and writes nothing."})
    static final class Apply implements Callable<Integer> {

        private final Cli cli;

        @Mixin
        BucketOptions bucket;

        @Mixin
        LifecycleOptions lifecycle;

        @Option(names = "--dry-run", description = "Print what would change; change nothing.")
        boolean dryRun;

        Apply(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            BucketLayout layout = bucket.layout(cli.env());
            LifecycleConfiguration wanted = lifecycle.configuration(cli, layout);
            try (Bucket b = Bucket.open(bucket, cli.env())) {
                // var, and ids only below: picocli reflects over this class, and an SDK type in a method
                // signature would load the AWS SDK for --help.
                var plan = b.lifecycle().plan(wanted, id -> LifecycleRules.isOurs(id, layout), layout.snapshotsPrefix())
                        .block();
                cli.out().println("lifecycle rules of " + b.describe() + (dryRun ? " (dry run)" : "") + ":");
                print("add", BucketLifecycle.ids(plan.added()));
                print("change", BucketLifecycle.ids(plan.changed()));
                print("remove", BucketLifecycle.ids(plan.removed()));
                print("same", BucketLifecycle.ids(plan.unchanged()));
                print("keep", BucketLifecycle.ids(plan.foreign()));
                if (dryRun) {
                    cli.out().println(plan.isNoOp() ? "up to date: nothing would change" : "dry run: nothing changed");
                } else if (plan.isNoOp()) {
                    cli.out().println("up to date: nothing written");
                } else {
                    b.lifecycle().apply(plan).block();
                    cli.out().println("wrote " + plan.merged().size() + " rule(s): " + plan.added().size() + " added, "
                            + plan.changed().size() + " changed, " + plan.removed().size() + " removed, "
                            + plan.foreign().size() + " other rule(s) kept");
                }
            }
            return ExitCodes.OK;
        }

        private void print(String action, List<String> ids) {
            ids.forEach(id -> cli.out().println("  " + action + " ".repeat(8 - action.length()) + id
                    + ("keep".equals(action) ? " (not lifeboat's)" : "")));
        }
    }
}
