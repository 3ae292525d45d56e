package io.lifeboat.cli;

import io.lifeboat.manifest.ToolVersion;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lifeboat}: lists, shows, verifies and restores etcd snapshots straight from the bucket,
 * with no cluster and no service running. Plain picocli over core: nothing is initialised
 * before a command runs, so {@code --help} answers at once.
 */
@Command(name = "lifeboat", mixinStandardHelpOptions = true, versionProvider = Lifeboat.Version.class,
        description = {"Lists, verifies and restores etcd snapshots that the lifeboat service streamed to S3;"
                + " shows what retention keeps and prunes, and manages the bucket's lifecycle rules.",
            "Needs only the bucket: no etcd, no service. Bucket settings come from flags or the same environment"
                + " variables as the service (LIFEBOAT_S3_BUCKET, LIFEBOAT_S3_PREFIX, LIFEBOAT_S3_ENDPOINT,"
                + " LIFEBOAT_S3_REGION, LIFEBOAT_S3_PATH_STYLE, LIFEBOAT_CLUSTER); AWS credentials from the AWS SDK's"
                + " default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity, instance role)."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected error (a bug: run again with --stacktrace and report it)",
            "2:usage error: bad option, argument or setting",
            "3:snapshot not found",
            "4:integrity failure: snapshot or manifest damaged or inconsistent",
            "5:bucket unreachable: endpoint, credentials, permissions, network",
            "6:target refused: data dir not empty, not tmpfs with --tmpfs require, cannot mount, local disk error",
            "7:etcd tool missing or failed (etcdutl/etcdctl restore, etcd in --verify-start)",
            "8:etcd unreachable, without a leader, alarmed or stalled (service --once only)",
            "9:busy: another backup of this cluster holds the lock (service --once only)",
            "10:deadline: a backup took longer than lifeboat.backup-deadline (service --once only)",
            "11:archived: the snapshot's object is in GLACIER/DEEP_ARCHIVE and not thawed (see --request-thaw)",
            "130:interrupted (SIGINT/SIGTERM); nothing is left half-done"},
        footer = {"", "Example (the 3 a.m. drill):",
            "  export LIFEBOAT_S3_BUCKET=my-backups LIFEBOAT_CLUSTER=prod",
            "  lifeboat list",
            "  lifeboat restore latest --data-dir /var/lib/etcd --name node1 \\",
            "      --initial-cluster node1=https://10.0.0.1:2380 \\",
            "      --initial-advertise-peer-urls https://10.0.0.1:2380 --verify-start"})
public final class Lifeboat implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean stacktrace;

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        System.exit(run(args, System.getenv(), stdout, System.err, stderrIsTerminal()));
    }

    /**
     * Runs one command line in this JVM and returns its exit code (never calls System.exit).
     *
     * @param env the environment the bucket settings are read from
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                          boolean stderrIsTerminal) {
        Cli cli = new Cli(Map.copyOf(env), writer(out), writer(err), stderrIsTerminal);
        try {
            return commandLine(cli).execute(args);
        } finally {
            cli.out().flush();
            cli.err().flush();
        }
    }

    static CommandLine commandLine(Cli cli) {
        ErrorHandler errors = new ErrorHandler(cli);
        CommandLine commandLine = new CommandLine(new Lifeboat())
                .addSubcommand(new ListCommand(cli))
                .addSubcommand(new ShowCommand(cli))
                .addSubcommand(new VerifyCommand(cli))
                .addSubcommand(new RestoreCommand(cli))
                .addSubcommand(new StatusCommand(cli))
                .addSubcommand(new PruneCommand(cli))
                .addSubcommand(new CommandLine(new LifecycleCommand())
                        .addSubcommand(new LifecycleCommand.Print(cli))
                        .addSubcommand(new LifecycleCommand.Apply(cli)))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(cli.out())
                .setErr(cli.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        // Every command, lifecycle's print and apply too, documents the same exit codes.
        documentExitCodes(commandLine, commandLine.getCommandSpec().usageMessage().exitCodeList());
        return commandLine;
    }

    private static void documentExitCodes(CommandLine parent, Map<String, String> codes) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
            documentExitCodes(sub, codes);
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: list, show, verify, restore, status, prune or lifecycle");
    }

    /**
     * Progress is drawn only for a person: when stderr is a terminal. Java cannot ask that of
     * stderr alone, Linux can: fd 2 then links to a tty or pseudo-terminal.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return false;
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lifeboat " + ToolVersion.current()};
        }
    }
}
