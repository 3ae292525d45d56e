package io.lifeboat.bench;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.lifeboat.testing.FillResult;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.etcd.EtcdChannels;
import io.lifeboat.etcd.EtcdConfig;
import io.lifeboat.etcd.EtcdSnapshotSource;
import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.store.ChecksumMode;
import io.lifeboat.store.MultipartUploader;
import io.lifeboat.store.S3ObjectStore;
import io.lifeboat.store.S3Settings;
import io.lifeboat.store.UploadSettings;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import reactor.core.publisher.Flux;

/**
 * What each stage of the backup path can do alone on this machine, so each end-to-end figure
 * can be stated against its limit: etcd's snapshot stream consumed and discarded, SHA-256 and
 * CRC32C over the db, zstd-jni at levels 1 and 3 on one thread (and the {@code zstd} command's
 * ratio at -3), a multipart upload from memory, and {@code etcdctl snapshot save} to a file.
 *
 * <p>Starts its own etcd and S3Mock on 127.0.0.1 (as the backup benchmark does), fills etcd
 * with the harness's keyspace, and prints a markdown table. Options: {@code --size 256MiB
 * --values kubernetes|random --runs 3 --seed 42}.
 */
public final class StageLimits {

    private static final int MIB = 1024 * 1024;

    private StageLimits() {
    }

    static final String USAGE = "usage: StageLimits [--size 256MiB] [--values kubernetes|random] [--runs 3]"
            + " [--seed 42] [--hold 0]";

    /** The command line: {@link #USAGE}. */
    record Options(long size, String values, int runs, long seed, long hold) {

        static Options parse(String[] args) {
            Map<String, String> options = Args.pairs(args, USAGE);
            long size = Args.take(options, "--size", BenchmarkOptions::parseSize, 256L << 20);
            String values = Args.take(options, "--values", Function.identity(), "kubernetes");
            int runs = Args.take(options, "--runs", Integer::parseInt, 3);
            long seed = Args.take(options, "--seed", Long::parseLong, 42L);
            long hold = Args.take(options, "--hold", Long::parseLong, 0L);
            Args.noneLeft(options, USAGE);
            return new Options(size, values, runs, seed, hold);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Args.orExit(() -> Options.parse(args));
        Path dir = Files.createTempDirectory("lifeboat-stage-limits-");
        try (BenchEnvironment environment = BenchEnvironment.start(dir)) {
            KeyspaceGenerator generator = new KeyspaceGenerator();
            FillResult filled = options.values().equals("kubernetes")
                    ? generator.fill(environment.etcdEndpoint(), options.size(), options.seed(),
                            new KubernetesLikeValues(options.seed()))
                    : generator.fill(environment.etcdEndpoint(), options.size(), options.seed());
            System.err.println("stage-limits: filled " + filled);
            if (options.hold() > 0) {
                // For a profiler run against the filled etcd: endpoints on stderr, then wait.
                System.err.println("stage-limits: holding " + options.hold() + " s: LIFEBOAT_ETCD_ENDPOINTS=" + environment.etcdEndpoint()
                        + " LIFEBOAT_S3_ENDPOINT=" + environment.s3Endpoint() + " LIFEBOAT_S3_BUCKET=" + BenchEnvironment.BUCKET);
                Thread.sleep(options.hold() * 1000);
            }
            System.out.printf(Locale.ROOT, "Stage limits, %s options.values(), %d MiB db target, median of %d options.runs() after a warm-up%n%n",
                    options.values(), options.size() >> 20, options.runs());
            measure(environment.etcdEndpoint(), environment.s3Endpoint(), BenchEnvironment.BUCKET, options.runs());
        } finally {
            WorkDir.delete(dir);
        }
    }

    private static void measure(String etcd, String s3, String bucket, int runs) throws Exception {
        System.out.println("| stage | bytes | median s | MB/s | note |");
        System.out.println("|---|---:|---:|---:|---|");
        List<String> rows = new PrintingList();
        byte[] db;
        try (EtcdChannels channels = new EtcdChannels(new EtcdConfig(List.of(etcd), null, null, null,
                Duration.ofSeconds(5), Duration.ofSeconds(30)))) {
            EtcdSnapshotSource source = new EtcdSnapshotSource(channels.channel(etcd), etcd);
            db = collect(source);
            long dbBytes = db.length - 32L;
            rows.add(row("etcd snapshot stream, discarded (gRPC, 1 MiB window)", dbBytes, runs, () -> {
                AtomicLong n = new AtomicLong();
                source.snapshot().doOnNext(c -> n.addAndGet(c.data().remaining())).blockLast();
                return n.get();
            }, ""));
        }
        long dbBytes = db.length - 32L;
        rows.add(row("SHA-256 (JDK, 32 KiB updates)", dbBytes, runs, () -> {
            MessageDigest sha = SnapshotDigest.newSha256();
            for (int at = 0; at < db.length; at += 32 * 1024) {
                sha.update(db, at, Math.min(32 * 1024, db.length - at));
            }
            return sha.digest().length;
        }, ""));
        rows.add(row("CRC32C (16 MiB parts)", dbBytes, runs, () -> {
            CRC32C crc = new CRC32C();
            crc.update(db, 0, db.length);
            return crc.getValue();
        }, ""));
        byte[] out = new byte[Math.toIntExact(Zstd.compressBound(db.length))];
        int[] level3 = new int[1];
        for (int level : new int[] {1, 3}) {
            int[] length = new int[1];
            rows.add(row("zstd-jni level " + level + ", one thread", dbBytes, runs, () -> {
                length[0] = zstd(db, level, out);
                return length[0];
            }, () -> String.format(Locale.ROOT, "ratio %.2f", (double) db.length / length[0])));
            level3[0] = length[0];
        }
        Path file = Files.createTempFile("stage-limits-", ".db");
        try {
            Files.write(file, db);
            rows.add(zstdCommand(file, db.length));
            rows.add(etcdctlSave(etcd, file, dbBytes, runs));
        } finally {
            Files.deleteIfExists(file);
        }
        int objectBytes = level3[0];
        S3Settings settings = new S3Settings(bucket, Optional.of(URI.create(s3)), "us-east-1", true, Duration.ofMinutes(2));
        try (S3ObjectStore store = S3ObjectStore.open(settings)) {
            MultipartUploader uploader = new MultipartUploader(store, new UploadSettings(16L * MIB, 2,
                    ChecksumMode.CRC32C, 0, Duration.ofMillis(100), Duration.ofMinutes(1)));
            AtomicLong key = new AtomicLong();
            rows.add(row("multipart upload from memory (16 MiB parts, 2 in flight, CRC32C) of the level-3 object",
                    objectBytes, runs, () -> {
                        Flux<ByteBuffer> body = Flux.range(0, (objectBytes + MIB - 1) / MIB)
                                .map(i -> ByteBuffer.wrap(out, i * MIB, Math.min(MIB, objectBytes - i * MIB)));
                        return uploader.upload("stage-limits/" + key.incrementAndGet(), body).block().sizeBytes();
                    }, "MB/s of stored bytes"));
        }
    }

    /** Each row is printed as soon as it is measured, so a later stage's failure loses none. */
    private static final class PrintingList extends ArrayList<String> {
        @Override
        public boolean add(String row) {
            System.out.println(row);
            System.out.flush();
            return super.add(row);
        }
    }

    /** The whole stream (db and trailer) in one array sized from the first message's remaining bytes. */
    private static byte[] collect(EtcdSnapshotSource source) {
        byte[][] db = new byte[1][];
        int[] at = new int[1];
        source.snapshot().doOnNext(c -> {
            ByteBuffer b = c.data().duplicate();
            if (db[0] == null) {
                db[0] = new byte[Math.toIntExact(b.remaining() + c.remainingBytes() + 32)];
            }
            int n = b.remaining();
            b.get(db[0], at[0], n);
            at[0] += n;
        }).blockLast();
        if (at[0] != db[0].length) {
            throw new IllegalStateException("etcd streamed " + at[0] + " bytes, expected " + db[0].length);
        }
        return db[0];
    }

    /** Streams data through zstd-jni at {@code level} into {@code out}; returns the compressed length. */
    private static int zstd(byte[] data, int level, byte[] out) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level);
            ctx.setChecksum(true);
            ByteBuffer in = ByteBuffer.allocateDirect(MIB);
            ByteBuffer dst = ByteBuffer.allocateDirect(MIB);
            int length = 0;
            int at = 0;
            boolean finished = false;
            while (!finished) {
                in.clear();
                int n = Math.min(MIB, data.length - at);
                in.put(data, at, n).flip();
                at += n;
                EndDirective op = at == data.length ? EndDirective.END : EndDirective.CONTINUE;
                boolean flushed;
                do {
                    flushed = ctx.compressDirectByteBufferStream(dst, in, op);
                    dst.flip();
                    int m = dst.remaining();
                    dst.get(out, length, m);
                    length += m;
                    dst.clear();
                } while (in.hasRemaining() || (op == EndDirective.END && !flushed));
                finished = op == EndDirective.END;
            }
            return length;
        }
    }

    private static String zstdCommand(Path file, long bytes) throws Exception {
        Process p = new ProcessBuilder("zstd", "-3", "-c", "-q", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long t0 = System.nanoTime();
        long size = p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        p.waitFor(5, TimeUnit.MINUTES);
        double s = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "| `zstd -3` command (file to a pipe) | %d | %.2f | %.0f | ratio %.2f |",
                bytes, s, bytes / s / 1e6, (double) bytes / size);
    }

    private static String etcdctlSave(String etcd, Path file, long bytes, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        Path out = file.resolveSibling(file.getFileName() + ".save");
        for (int i = 0; i < runs; i++) {
            Files.deleteIfExists(out);
            ProcessBuilder pb = new ProcessBuilder("etcdctl", "--endpoints", etcd, "snapshot", "save", out.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("ETCDCTL_API", "3");
            long t0 = System.nanoTime();
            int rc = pb.start().waitFor();
            times.add((System.nanoTime() - t0) / 1e9);
            if (rc != 0) {
                throw new IllegalStateException("etcdctl snapshot save failed: exit " + rc);
            }
        }
        Files.deleteIfExists(out);
        double s = median(times);
        return String.format(Locale.ROOT, "| `etcdctl snapshot save` to a file | %d | %.2f | %.0f | |", bytes, s, bytes / s / 1e6);
    }

    private static String row(String stage, long bytes, int runs, LongSupplier work, String note) {
        return row(stage, bytes, runs, work, () -> note);
    }

    private static String row(String stage, long bytes, int runs, LongSupplier work, Supplier<String> note) {
        work.getAsLong(); // warm-up: JIT and connections
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.getAsLong();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        double s = median(times);
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %s |", stage, bytes, s, bytes / s / 1e6, note.get());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
