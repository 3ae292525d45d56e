package io.lifeboat.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The put-latency benchmark's command line. Every option has a default except the service jar.
 *
 * @param serviceJar      lifeboat's runnable service jar
 * @param dbSizeBytes     the db size to fill etcd to before the load starts
 * @param values          value kind of the fill: {@code random} or {@code kubernetes}
 * @param ratePerSecond   puts per second of the load
 * @param valueBytes      bytes per put
 * @param warmup          load before anything is measured (JIT, connection)
 * @param quiet           the window without a backup, before each backup
 * @param settle          load after each backup that no window counts (page cache, compaction)
 * @param backups         how many {@code --once} backups, each after a quiet window
 * @param heap            the backup's -Xmx, as the DaemonSet sets it (JAVA_TOOL_OPTIONS)
 * @param nice            the backup's niceness ({@code nice -n}; default 10: lifeboat below etcd
 *                        in CPU priority, as lifeboat-backup.service's {@code Nice=10} places it;
 *                        0: the same priority). The DaemonSet's case is {@code podCpu}, not this
 * @param podCpu          null, or the CPU requests in millicores of etcd, the put load (standing
 *                        for kube-apiserver) and the backup, modelled as a kubelet's pod cgroups
 *                        ({@link PodCpuShares}; e.g. 100,250,10: kubeadm's etcd, kube-apiserver
 *                        and the DaemonSet's lifeboat), and optionally a fourth for S3Mock, in a
 *                        cgroup of its own beside the pods'
 * @param bucketDir       where S3Mock keeps the bucket (null: in the work dir, on etcd's disk; a
 *                        tmpfs such as /dev/shm: a bucket that does not write to etcd's disk)
 * @param workDir         where the run's work dir goes, etcd's data dir in it (null: the JVM's temp
 *                        dir; a tmpfs such as /dev/shm: the RAM-disk deployment, no fsync cost)
 * @param seed            keyspace seed
 * @param out             where the markdown report goes besides stdout (null: stdout only); the
 *                        percentiles also go to the same path with {@code .tsv} for the charts
 */
record PutLatencyOptions(Path serviceJar, long dbSizeBytes, String values, int ratePerSecond, int valueBytes,
                         Duration warmup, Duration quiet, Duration settle, int backups, String heap, int nice,
                         List<Integer> podCpu, Path bucketDir, Path workDir, long seed, Path out) {

    static final String USAGE = """
            usage: PutLatencyBenchmark --service-jar PATH [--size 256MiB] [--values random|kubernetes]
                   [--rate 200] [--value-bytes 1024] [--warmup 10] [--quiet 30] [--settle 5] [--backups 3]
                   [--heap 128m] [--nice 10] [--pod-cpu 100m,250m,10m[,1000m]] [--bucket-dir DIR] [--work-dir DIR]
                   [--seed 42] [--out FILE]
            (--warmup, --quiet and --settle in seconds; --pod-cpu: the CPU requests of etcd, the put load and
            the backup as a kubelet's pod cgroups, and S3Mock's beside them; cgroup v1, as root.) A quick run: --size 64MiB --backups 1 --quiet 20""";

    /** Args.take puts "--pod-cpu VALUE: " before it. */
    private static final String POD_CPU_USAGE = "takes three CPU requests in millicores (etcd, put load,"
            + " backup) and optionally S3Mock's, e.g. 100m,250m,10m or 100m,250m,10m,1000m";

    static PutLatencyOptions parse(String[] args) {
        Map<String, String> options = Args.pairs(args, USAGE);
        Path serviceJar = Args.take(options, "--service-jar", Path::of, null);
        long size = Args.take(options, "--size", BenchmarkOptions::parseSize, 256L << 20);
        String values = Args.take(options, "--values", Function.identity(), "random");
        int rate = Args.take(options, "--rate", Integer::parseInt, 200);
        int valueBytes = Args.take(options, "--value-bytes", Integer::parseInt, 1024);
        Duration warmup = Args.take(options, "--warmup", PutLatencyOptions::seconds,
                Duration.ofSeconds(10));
        Duration quiet = Args.take(options, "--quiet", PutLatencyOptions::seconds,
                Duration.ofSeconds(30));
        Duration settle = Args.take(options, "--settle", PutLatencyOptions::seconds,
                Duration.ofSeconds(5));
        int backups = Args.take(options, "--backups", Integer::parseInt, 3);
        String heap = Args.take(options, "--heap", Function.identity(), "128m");
        int nice = Args.take(options, "--nice", Integer::parseInt, 10);
        List<Integer> podCpu = Args.take(options, "--pod-cpu", PutLatencyOptions::millicores, null);
        Path bucketDir = Args.take(options, "--bucket-dir", Path::of, null);
        Path workDir = Args.take(options, "--work-dir", Path::of, null);
        long seed = Args.take(options, "--seed", Long::parseLong, 42L);
        Path out = Args.take(options, "--out", Path::of, null);
        Args.noneLeft(options, USAGE);
        if (serviceJar == null) {
            throw new IllegalArgumentException("--service-jar is required\n" + USAGE);
        }
        if (!values.equals("random") && !values.equals("kubernetes")) {
            throw new IllegalArgumentException("--values takes random or kubernetes, not " + values);
        }
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("--nice takes 0 to 19 (lower priority only), not " + nice);
        }
        if (rate < 1 || rate > 10_000 || backups < 1 || quiet.isZero()) {
            throw new IllegalArgumentException("--rate must be 1 to 10000, --backups and --quiet at least 1");
        }
        return new PutLatencyOptions(serviceJar, size, values, rate, valueBytes, warmup, quiet, settle, backups,
                heap, nice, podCpu, bucketDir, workDir, seed, out);
    }

    /** The summary TSV beside the markdown report: {@code x.md} gives {@code x.tsv}. */
    static Path tsvBeside(Path markdown) {
        String name = markdown.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(base + ".tsv");
    }

    /** {@code 100m,250m,10m[,1000m]} (or without the m): three or four CPU requests of at least 1 millicore. */
    static List<Integer> millicores(String value) {
        List<Integer> requests = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String request = part.strip();
            String digits = request.endsWith("m") ? request.substring(0, request.length() - 1) : request;
            int millicores;
            try {
                millicores = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(POD_CPU_USAGE, e);
            }
            if (millicores < 1) {
                throw new IllegalArgumentException(POD_CPU_USAGE);
            }
            requests.add(millicores);
        }
        if (requests.size() != 3 && requests.size() != 4) {
            throw new IllegalArgumentException(POD_CPU_USAGE);
        }
        return List.copyOf(requests);
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
