package io.lifeboat.cli;

import io.lifeboat.catalog.SnapshotSelector;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.restore.RestoreOptions;
import io.lifeboat.restore.RestoreResult;
import io.lifeboat.restore.SnapshotRestore;
import io.lifeboat.restore.StagingArea;
import io.lifeboat.restore.TmpfsMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restores a snapshot into a fresh etcd data dir.",
            "Downloads it into a staging dir beside DIR (same file system), verifies every byte and figure against"
                + " the manifest, builds the data dir with etcd's own tool (etcdutl snapshot restore on 3.5+, etcdctl"
                + " on 3.4), optionally starts etcd on it, then moves it into place in one atomic rename. DIR must be"
                + " absent or empty (or use --move-aside). On any failure nothing is left behind and DIR is untouched;"
                + " a restore killed outright (SIGKILL) leaves its staging dir, which the next restore beside DIR removes.",
            "Snapshot: an id, latest (default), --at TIME or --revision REV."})
final class RestoreCommand implements Callable<Integer> {

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID|latest", arity = "0..1", description = "Snapshot id or latest.")
    String snapshot;

    @Option(names = "--at", paramLabel = "TIME",
            description = "The newest snapshot taken at or before TIME (2026-11-21T23:15:00Z or 20261121T231500Z).")
    String at;

    @Option(names = "--revision", paramLabel = "REV", description = "The newest snapshot with revision <= REV.")
    Long revision;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The etcd data dir to create.")
    Path dataDir;

    @Option(names = "--name", paramLabel = "N", description = "Member name (etcd's default: default).")
    String name;

    @Option(names = "--initial-cluster", paramLabel = "C",
            description = "Membership, e.g. n1=https://10.0.0.1:2380,n2=... (default: this member alone).")
    String initialCluster;

    @Option(names = "--initial-advertise-peer-urls", paramLabel = "U", description = "This member's peer URLs.")
    String peerUrls;

    @Option(names = "--initial-cluster-token", paramLabel = "T", description = "Cluster token (etcd's default: etcd-cluster).")
    String clusterToken;

    @Option(names = "--tmpfs", paramLabel = "require|off|mount=SIZE", defaultValue = "off",
            description = "require: refuse unless DIR is on tmpfs; mount=SIZE: mount a tmpfs on DIR first (root);"
                    + " off (default). DIR's file system is always reported.")
    String tmpfs;

    @Option(names = "--verify-start", description = "Start etcd on the restored data (127.0.0.1, free ports) and"
            + " check it serves the snapshot's revision and key count before moving it into place.")
    boolean verifyStart;

    @Option(names = "--move-aside", description = "If DIR is not empty, keep it as DIR.lifeboat-old-<time> instead"
            + " of refusing.")
    boolean moveAside;

    @Option(names = "--etcd-bin-dir", paramLabel = "DIR", description = "Where etcdutl/etcdctl and etcd are"
            + " (default: PATH). Use the etcd version the cluster ran (see `lifeboat show`).")
    Path etcdBinDir;

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Show download progress on stderr; auto: only when stderr is a terminal.")
    ProgressMeter.Mode progress;

    @Mixin
    BucketOptions bucket;

    @Mixin
    ThawOptions thaw;

    RestoreCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        SnapshotSelector selector = selector();
        ProgressMeter meter = ProgressMeter.of(cli, progress);
        RestoreOptions options = new RestoreOptions(dataDir,
                new RestoreOptions.Member(name, initialCluster, peerUrls, clusterToken), tmpfsMode(), verifyStart,
                moveAside, Optional.ofNullable(etcdBinDir), meter, notice -> cli.err().println("note: " + notice));
        // Ctrl-C or SIGTERM mid-restore: the staging dir goes, DIR was never touched.
        Thread cleanup = new Thread(StagingArea::closeAllLive, "lifeboat-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (Bucket b = Bucket.open(bucket, cli.env())) {
            Manifest manifest = b.resolve(selector, cli.err());
            cli.err().println("restoring " + manifest.id() + " (revision " + manifest.revision() + ", "
                    + Sizes.binary(manifest.object().sizeBytes()) + " compressed) from " + b.describe());
            thaw.beforeDownload(b.store(), manifest, cli.err());
            RestoreResult result = new SnapshotRestore(b.download(), Clock.systemUTC()).restore(manifest, options);
            meter.done();
            report(result);
            return ExitCodes.OK;
        } finally {
            meter.done();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private SnapshotSelector selector() {
        int given = (snapshot != null ? 1 : 0) + (at != null ? 1 : 0) + (revision != null ? 1 : 0);
        if (given > 1) {
            throw new ParameterException(spec.commandLine(), "name the snapshot once: an ID or latest, --at or --revision");
        }
        try {
            if (at != null) {
                return new SnapshotSelector.AtOrBefore(SnapshotSelector.parseTime(at));
            }
            if (revision != null) {
                return new SnapshotSelector.AtOrBelowRevision(revision);
            }
            return SnapshotSelector.parse(snapshot);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private TmpfsMode tmpfsMode() {
        try {
            return TmpfsMode.parse(tmpfs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void report(RestoreResult r) {
        RestoreResult.Timings t = r.timings();
        cli.out().println("restored " + r.manifest().id() + " into " + r.dataDir() + " (" + r.filesystemType()
                + (r.mountedTmpfs() ? ", mounted by lifeboat" : "") + "): revision " + r.verified().revision() + ", "
                + r.verified().totalKeys() + " keys, db " + Sizes.binary(r.verified().dbSizeBytes()) + ", built by "
                + r.restoreTool().getFileName());
        r.served().ifPresent(s -> cli.out().println("etcd started on it served revision " + s.revision() + " with "
                + s.liveKeys() + " keys, as the snapshot holds"));
        r.movedAside().ifPresent(aside -> cli.out().println("the previous data dir is kept at " + aside));
        cli.out().printf("took %.1f s (download and verify %.1f s, etcd restore %.1f s, start check %.1f s)%n",
                t.total().toMillis() / 1e3, t.downloadAndVerify().toMillis() / 1e3, t.etcdRestore().toMillis() / 1e3,
                t.startCheck().toMillis() / 1e3);
        if (!r.filesystemType().equals("tmpfs")) {
            cli.err().println("note: " + r.dataDir() + " is on " + r.filesystemType() + ", not tmpfs");
        }
        cli.out().println("next: start etcd with --data-dir " + r.dataDir()
                + (name == null ? "" : " --name " + name) + " and the same peer URLs; etcd's snapshot restore"
                + " gave it a new cluster ID, so start every member from a restore of the same snapshot");
    }
}
