package io.lifeboat.bench;

import io.lifeboat.testing.S3FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup into a slow bucket: {@code lifeboat --once} through an HTTP proxy on 127.0.0.1 that
 * reads request bodies at a fixed rate (about 10 MB/s by default), in front of S3Mock. Samples
 * once a second: the backup's RSS, the bytes etcd has sent on the snapshot stream (its
 * {@code grpc_server_msg_sent_total} for Maintenance.Snapshot, times 32 KiB), and the bytes the
 * "bucket" has taken. What it shows: RSS stays flat, and etcd is read at the bucket's pace (times
 * the compression ratio), not at its own.
 *
 * <p>Options: {@code --service-jar PATH} (required), {@code --size 256MiB}, {@code --values
 * random|kubernetes}, {@code --rate 10000000} (bytes per second), {@code --heap 128m} (the image's),
 * {@code --seed 42}. Prints a markdown report.
 */
public final class SlowBucketBenchmark {

    private static final Pattern SNAPSHOT_SENT = Pattern.compile(
            "grpc_server_msg_sent_total\\{[^}]*grpc_method=\"Snapshot\"[^}]*} (\\S+)");
    private static final long MESSAGE_BYTES = 32 * 1024;

    private SlowBucketBenchmark() {
    }

    record Sample(double seconds, long rssBytes, long etcdBytes, long bucketBytes) {
    }

    static final String USAGE = "usage: SlowBucketBenchmark --service-jar PATH [--size 256MiB]"
            + " [--values random|kubernetes] [--rate 10000000] [--heap 128m] [--seed 42]";

    /** The command line: {@link #USAGE}. */
    record Options(Path jar, long size, String values, long rate, String heap, long seed) {

        static Options parse(String[] args) {
            Map<String, String> options = Args.pairs(args, USAGE);
            Path jar = Args.take(options, "--service-jar", Path::of, null);
            long size = Args.take(options, "--size", BenchmarkOptions::parseSize, 256L << 20);
            String values = Args.take(options, "--values", Function.identity(), "random");
            long rate = Args.take(options, "--rate", Long::parseLong, 10_000_000L);
            String heap = Args.take(options, "--heap", Function.identity(), "128m");
            long seed = Args.take(options, "--seed", Long::parseLong, 42L);
            Args.noneLeft(options, USAGE);
            if (jar == null) {
                throw new IllegalArgumentException("--service-jar is required\n" + USAGE);
            }
            Args.requireFiles(Args.BUILD_SERVICE_JAR, jar);
            return new Options(jar, size, values, rate, heap, seed);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Args.orExit(() -> Options.parse(args));
        Path dir = Files.createTempDirectory("lifeboat-slow-bucket-");
        try (BenchEnvironment environment = BenchEnvironment.start(dir);
             S3FaultProxy proxy = S3FaultProxy.start(URI.create(environment.s3Endpoint()))) {
            BackupBenchmark.fill(environment, options.values(), options.size(), options.seed());
            proxy.limitUploadRate(options.rate());
            List<Sample> samples = new ArrayList<>();
            AtomicBoolean done = new AtomicBoolean();
            long started = System.nanoTime();
            Thread sampler = new Thread(() -> sample(environment.etcdEndpoint(), proxy, started, samples, done),
                    "slow-bucket-sampler");
            sampler.start();
            BenchEnvironment.OnceBackup backup;
            try {
                backup = environment.backUpOnce(options.jar(), dir, Map.of(
                        "LIFEBOAT_S3_ENDPOINT", proxy.endpoint().toString(),
                        "JAVA_TOOL_OPTIONS", "-Xmx" + options.heap() + " -XX:+ExitOnOutOfMemoryError",
                        // A part at 10 MB/s takes ~1.6 s; the default timeouts are far above that.
                        "LIFEBOAT_BACKUP_DEADLINE", "1h"), Duration.ofHours(1));
            } finally {
                done.set(true);
                sampler.join();
            }
            report(options.values(), options.size(), options.rate(), options.heap(), backup, samples);
        } finally {
            WorkDir.delete(dir);
        }
    }

    private static void sample(String etcd, S3FaultProxy proxy, long started, List<Sample> samples, AtomicBoolean done) {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        while (!done.get()) {
            long rss = onceProcess().map(SlowBucketBenchmark::rssBytes).orElse(0L);
            long etcdBytes = snapshotMessages(http, etcd) * MESSAGE_BYTES;
            synchronized (samples) {
                samples.add(new Sample((System.nanoTime() - started) / 1e9, rss, etcdBytes, proxy.bodyBytesReceived()));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Optional<ProcessHandle> onceProcess() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--once")).orElse(false))
                .findFirst();
    }

    private static long rssBytes(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process exited between the listing and the read.
        }
        return 0;
    }

    private static long snapshotMessages(HttpClient http, String etcd) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(etcd.split(",")[0] + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = SNAPSHOT_SENT.matcher(metrics);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void report(String values, long size, long rate, String heap, BenchEnvironment.OnceBackup backup,
                               List<Sample> samples) {
        var manifest = backup.manifest();
        double stream = manifest.timings().durationMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "## Slow bucket: %s values, %d MiB db, bucket at %.1f MB/s, -Xmx%s%n%n",
                values, size >> 20, rate / 1e6, heap);
        System.out.printf(Locale.ROOT, "db %d bytes, object %d bytes (ratio %.2f), stream %.1f s, wall %.1f s, "
                        + "peak RSS (VmHWM) %d MiB%n%n", manifest.dbSizeBytes(), manifest.object().sizeBytes(),
                (double) manifest.dbSizeBytes() / manifest.object().sizeBytes(), stream,
                backup.process().wall().toMillis() / 1000.0, backup.process().peakRssBytes() >> 20);
        System.out.println("| t s | RSS MiB | etcd sent MB | bucket took MB | etcd MB/s | bucket MB/s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        Sample previous = null;
        long minRss = Long.MAX_VALUE;
        long maxRss = 0;
        for (Sample s : samples) {
            if (previous != null && s.rssBytes() > 0) {
                double dt = s.seconds() - previous.seconds();
                System.out.printf(Locale.ROOT, "| %.0f | %d | %.1f | %.1f | %.1f | %.1f |%n", s.seconds(),
                        s.rssBytes() >> 20, s.etcdBytes() / 1e6, s.bucketBytes() / 1e6,
                        (s.etcdBytes() - previous.etcdBytes()) / 1e6 / dt,
                        (s.bucketBytes() - previous.bucketBytes()) / 1e6 / dt);
                if (s.bucketBytes() > 0 && s.bucketBytes() < manifest.object().sizeBytes()) {
                    minRss = Math.min(minRss, s.rssBytes());
                    maxRss = Math.max(maxRss, s.rssBytes());
                }
            }
            previous = s;
        }
        System.out.printf(Locale.ROOT, "%nWhile the bucket was taking bytes: RSS %d-%d MiB; etcd streamed %.1f MB/s"
                        + " on average against the bucket's %.1f MB/s x ratio %.2f = %.1f MB/s.%n",
                minRss == Long.MAX_VALUE ? 0 : minRss >> 20, maxRss >> 20, manifest.dbSizeBytes() / 1e6 / stream,
                rate / 1e6, (double) manifest.dbSizeBytes() / manifest.object().sizeBytes(),
                rate / 1e6 * manifest.dbSizeBytes() / manifest.object().sizeBytes());
    }
}
