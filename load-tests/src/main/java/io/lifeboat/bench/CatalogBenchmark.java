package io.lifeboat.bench;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.catalog.CatalogEntry;
import io.lifeboat.catalog.CatalogRetention;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.retention.Decision;
import io.lifeboat.retention.RetentionPolicy;
import io.lifeboat.snapshot.SnapshotId;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.S3ObjectStore;
import io.lifeboat.store.S3Settings;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.S3Server;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;

/**
 * The catalog at scale (issue 7): a bucket holding {@code --manifests} snapshots (default
 * 10,000: 104 days of 15-minute backups), run by {@code load-tests/run-catalog-benchmark.sh};
 * see docs/BENCHMARKS.md ("Catalog"). Not a test: nothing in the build runs it.
 *
 * <p>One etcd and one S3Proxy (default; {@code --store s3mock} for S3Mock, whose every request
 * costs time in proportion to the objects in the bucket: 10,000 PUTs took 770 s) on 127.0.0.1. One real {@code --once} backup gives a real manifest;
 * copies of it under earlier ids (same object, as far as listing and retention care) fill the
 * bucket. Then, in this JVM with core's classes (what the service does): a cold listing (every
 * manifest read), a warm refresh with nothing new, one after 4 new manifests (only those read:
 * the service's incremental cache), the retention decision over all of them, and the heap the
 * cache holds. Then the CLI as a child process: {@code lifeboat list}, {@code list --summary}
 * and {@code prune --dry-run}: wall time and peak RSS, each reading the whole catalog cold.
 */
public final class CatalogBenchmark {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(10);

    private CatalogBenchmark() {
    }

    static final String USAGE = "usage: CatalogBenchmark --service-jar JAR --lifeboat LAUNCHER"
            + " [--manifests 10000] [--store s3proxy|s3mock] [--out FILE]";

    /** The command line: {@link #USAGE}; {@code s3proxy} false means S3Mock. */
    record Options(int manifests, boolean s3proxy, Path serviceJar, Path lifeboat, Path out) {

        static Options parse(String[] args) {
            Map<String, String> options = Args.pairs(args, USAGE);
            int manifests = Args.take(options, "--manifests", Integer::parseInt, 10_000);
            boolean s3proxy = Args.take(options, "--store", store -> switch (store) {
                case "s3proxy" -> true;
                case "s3mock" -> false;
                default -> throw new IllegalArgumentException("takes s3proxy or s3mock");
            }, true);
            Path serviceJar = Args.take(options, "--service-jar", Path::of, null);
            Path lifeboat = Args.take(options, "--lifeboat", Path::of, null);
            Path out = Args.take(options, "--out", Path::of, null);
            Args.noneLeft(options, USAGE);
            if (serviceJar == null || lifeboat == null || manifests < 20) {
                throw new IllegalArgumentException("--service-jar and --lifeboat are required; --manifests at least 20\n"
                        + USAGE);
            }
            return new Options(manifests, s3proxy, serviceJar, lifeboat, out);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Args.orExit(() -> Options.parse(args));
        Path workDir = Files.createTempDirectory("lifeboat-catalog-bench-");
        try {
            String report = run(options.manifests(), options.s3proxy(), options.serviceJar(), options.lifeboat(),
                    workDir);
            System.out.println(report);
            if (options.out() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
                Files.writeString(options.out(), report);
                log("report written to " + options.out());
            }
        } finally {
            WorkDir.delete(workDir);
        }
        System.exit(0);
    }

    private static String run(int count, boolean s3proxy, Path serviceJar, Path lifeboat, Path workDir)
            throws Exception {
        List<String> lines = new ArrayList<>();
        Instant started = Instant.now();
        lines.add("# lifeboat catalog benchmark, " + started.truncatedTo(ChronoUnit.SECONDS));
        lines.add("");
        lines.addAll(Machine.describe(workDir));
        lines.add("");
        lines.add("Store: " + (s3proxy ? "S3Proxy (filesystem blobstore)" : "S3Mock") + " on 127.0.0.1.");
        lines.add("");
        try (BenchEnvironment environment = BenchEnvironment.start(workDir.resolve("env"), s3proxy)) {
            new KeyspaceGenerator().fill(environment.etcdEndpoint(), 4L << 20, 1);
            Manifest template = backUp(environment, serviceJar, workDir);

            System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3Server.ACCESS_KEY);
            S3Settings settings = new S3Settings(BenchEnvironment.BUCKET,
                    java.util.Optional.of(java.net.URI.create(environment.s3Endpoint())), "us-east-1", true,
                    Duration.ofMinutes(2));
            BucketLayout layout = new BucketLayout("", LifeboatOnce.CLUSTER);
            try (ObjectStore store = S3ObjectStore.open(settings)) {
                Instant newest = SnapshotId.parse(template.id()).time();
                long fillStart = System.nanoTime();
                put(store, layout, template, newest, 1, count - 1);
                double fillSeconds = seconds(fillStart);
                log(String.format(Locale.ROOT, "wrote %d manifests in %.1f s", count - 1, fillSeconds));
                int manifestBytes = ManifestCodec.write(template).length;

                List<String[]> rows = new ArrayList<>();
                long heapBefore = usedHeapAfterGc();
                AtomicInteger reads = new AtomicInteger();
                Catalog catalog = new Catalog(countingReads(store, reads), layout);
                long t = System.nanoTime();
                List<CatalogEntry> cold = catalog.entries().collectList().block();
                rows.add(row("cold listing: list + read every manifest (" + cold.size() + " listed, "
                        + reads.getAndSet(0) + " read)", seconds(t)));
                long heapCached = usedHeapAfterGc() - heapBefore;

                t = System.nanoTime();
                int again = catalog.entries().collectList().block().size();
                rows.add(row("warm refresh, nothing new (" + again + " listed, " + reads.getAndSet(0) + " read)",
                        seconds(t)));

                put(store, layout, template, newest.plus(Duration.ofMinutes(15 * 4)), -4, 4);
                t = System.nanoTime();
                List<CatalogEntry> warm = catalog.entries().collectList().block();
                rows.add(row("warm refresh after 4 new manifests (" + warm.size() + " listed, " + reads.getAndSet(0)
                        + " read)", seconds(t)));

                t = System.nanoTime();
                Decision decision = CatalogRetention.decide(warm, Instant.now(), RetentionPolicy.DEFAULT);
                rows.add(row("retention decision (default policy): keeps " + decision.kept().size() + ", prunes "
                        + decision.prune().size(), seconds(t)));

                lines.add(String.format(Locale.ROOT, "%d manifests of %d bytes each (%s MiB) written by %d"
                        + " concurrent PUTs in %.1f s. In-process (core's Catalog on one S3 client, what the"
                        + " service runs):", count + 4, manifestBytes, Report.mib((long) manifestBytes * (count + 4)),
                        CONCURRENCY, fillSeconds));
                lines.add("");
                lines.add("| step | seconds |");
                lines.add("|---|---|");
                rows.forEach(r -> lines.add("| " + r[0] + " | " + r[1] + " |"));
                lines.add("");
                lines.add(String.format(Locale.ROOT, "Heap the cache of %d manifests holds (used heap after GC,"
                        + " after minus before the cold listing): %s MiB, %.0f bytes per manifest.",
                        cold.size(), Report.mib(heapCached), (double) heapCached / cold.size()));
                lines.add("");
            }

            LifeboatCli cli = new LifeboatCli(lifeboat, environment);
            lines.add("The CLI, a fresh process each (JVM start-up, S3 client, cold catalog):");
            lines.add("");
            lines.add("| command | exit | wall s | CPU s | peak RSS MiB |");
            lines.add("|---|---|---|---|---|");
            for (List<String> args : List.of(List.of("list"), List.of("list", "--summary"),
                    List.of("prune", "--dry-run"), List.of("prune", "--dry-run", "-o", "json"))) {
                MeasuredProcess.Result result = cli.run(args, workDir, CLI_TIMEOUT);
                lines.add(String.format(Locale.ROOT, "| `lifeboat %s` | %d | %.2f | %.2f | %s |", String.join(" ", args),
                        result.exitCode(), EtcdctlSave.seconds(result.wall()), result.cpuSeconds(),
                        Report.mib(result.peakRssBytes())));
                if (result.exitCode() != 0) {
                    lines.add("");
                    lines.add("**failed:** " + EtcdctlSave.lastLine(result.stderrText()));
                    lines.add("");
                }
            }
        }
        lines.add("");
        lines.add("Took " + Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS) + ".");
        return String.join("\n", lines) + "\n";
    }

    private static final int CONCURRENCY = 32;

    /** Copies of {@code template} under ids {@code first..first+n-1} steps of 15 minutes before {@code newest}. */
    private static void put(ObjectStore store, BucketLayout layout, Manifest template, Instant newest, int first,
                            int n) {
        // Revisions fall with age, as etcd's do; the offset keeps the oldest copy's positive.
        long revision = template.revision() + 1_000_000;
        Flux.range(first, n)
                .flatMap(step -> {
                    SnapshotId id = new SnapshotId(newest.minus(Duration.ofMinutes(15L * step)), revision - step);
                    byte[] json = ManifestCodec.write(template.withId(id.toString()));
                    return store.putBytes(layout.manifestKey(id), json, "application/json");
                }, CONCURRENCY)
                .blockLast();
    }

    /** {@code store}, counting the whole-object reads (manifest GETs) the catalog makes. */
    private static ObjectStore countingReads(ObjectStore store, AtomicInteger reads) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBytes")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Manifest backUp(BenchEnvironment environment, Path serviceJar, Path workDir) throws Exception {
        // S3Proxy refuses x-amz-checksum-* headers.
        return environment.backUpOnce(serviceJar, Files.createDirectories(workDir.resolve("backup")),
                Map.of("LIFEBOAT_S3_CHECKSUM", "off"), Duration.ofMinutes(5)).manifest();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String[] row(String what, double seconds) {
        log(String.format(Locale.ROOT, "%s: %.3f s", what, seconds));
        return new String[] {what, String.format(Locale.ROOT, "%.3f", seconds)};
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void log(String message) {
        System.err.println("catalog-bench: " + message);
    }
}
