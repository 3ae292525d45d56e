package io.lifeboat.bench;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The put load of the put-latency benchmark: a separate JVM (so the benchmark's own work and
 * GC never delay a put) sending {@code rate} puts a second of {@code value-bytes} to etcd over
 * its gRPC API, open loop: put {@code i} is due at {@code start + i / rate} and is sent then,
 * whether or not earlier ones were answered.
 *
 * <p>Latency is measured from the <em>due</em> time, not from when the put was actually sent.
 * A stalled etcd (or a stalled sender) therefore shows as latency in every put that should have
 * gone out meanwhile, instead of as one slow put and a gap: this is the coordinated-omission
 * correction HdrHistogram's {@code recordValueWithExpectedInterval} approximates, done exactly
 * (the benchmark must not apply both). How late each put left is recorded too, so a sender
 * starved of CPU can be told apart from a slow etcd.
 *
 * <p>Protocol with the parent ({@link PutLoadProcess}): prints {@code ready} on stdout once a
 * first put succeeded, then the load starts; a line {@code stop} on stdin (or EOF) ends it;
 * after a grace period for outstanding puts it writes every put to the samples file
 * ({@link PutSamples}) and exits 0.
 */
public final class PutLoad {

    /** Puts still unanswered this long after the stop are written as {@code pending}. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private PutLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = null;
        int rate = 200;
        int valueBytes = 1024;
        int keys = 1000;
        int maxSeconds = 1800;
        Path samples = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = URI.create(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--value-bytes" -> valueBytes = Integer.parseInt(args[i + 1]);
                case "--keys" -> keys = Integer.parseInt(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Integer.parseInt(args[i + 1]);
                case "--samples" -> samples = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (endpoint == null || samples == null || !"127.0.0.1".equals(endpoint.getHost())) {
            throw new IllegalArgumentException("--endpoint http://127.0.0.1:PORT and --samples FILE are required");
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(endpoint.getHost(), endpoint.getPort())
                .usePlaintext()
                // A proxy from the environment must never see benchmark traffic.
                .proxyDetector(address -> null)
                // Callbacks only store a number: no executor hop.
                .directExecutor()
                .build();
        try {
            new PutLoad.Run(KVGrpc.newStub(channel), rate, valueBytes, keys, maxSeconds).run(samples);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static final class Run {

        private final KVGrpc.KVStub kv;
        private final long periodNanos;
        private final int keys;
        private final ByteString value;
        /** Per put: latency in ns + 1 once answered (0: unanswered), -1 on an error. */
        private final AtomicLongArray latencies;
        private final long[] sendLagNanos;
        private volatile boolean stopped;

        Run(KVGrpc.KVStub kv, int rate, int valueBytes, int keys, int maxSeconds) {
            this.kv = kv;
            this.periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            this.keys = keys;
            byte[] bytes = new byte[valueBytes];
            new Random(42).nextBytes(bytes);
            this.value = ByteString.copyFrom(bytes);
            this.latencies = new AtomicLongArray(rate * maxSeconds);
            this.sendLagNanos = new long[rate * maxSeconds];
        }

        void run(Path samples) throws IOException, InterruptedException {
            // One blocking put first: the connection is up before the clock starts.
            KVGrpc.newBlockingStub(kv.getChannel()).withDeadlineAfter(30, TimeUnit.SECONDS).put(request(0));
            Thread stdin = new Thread(this::awaitStop, "put-load-stdin");
            stdin.setDaemon(true);
            stdin.start();
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            System.out.println("ready");
            System.out.flush();
            int sent = 0;
            while (!stopped && sent < sendLagNanos.length) {
                long due = start + sent * periodNanos;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                sendLagNanos[sent] = now - due;
                send(sent, due);
                sent++;
            }
            long graceEnd = System.nanoTime() + GRACE_NANOS;
            while (System.nanoTime() < graceEnd && unanswered(sent)) {
                Thread.sleep(50);
            }
            long startEpochNanos = startedAt.getEpochSecond() * 1_000_000_000L + startedAt.getNano();
            PutSamples.write(samples, startEpochNanos, periodNanos, sent, i -> sendLagNanos[i], latencies::get);
            System.out.println("done " + sent);
        }

        private void send(int index, long due) {
            kv.put(request(index), new StreamObserver<>() {
                @Override
                public void onNext(PutResponse response) {
                    latencies.set(index, System.nanoTime() - due + 1);
                }

                @Override
                public void onError(Throwable error) {
                    latencies.set(index, -1);
                }

                @Override
                public void onCompleted() {
                    // onNext recorded it.
                }
            });
        }

        private PutRequest request(int index) {
            return PutRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8("/bench/put-latency/" + (index % keys)))
                    .setValue(value)
                    .build();
        }

        private boolean unanswered(int sent) {
            for (int i = sent - 1; i >= 0; i--) {
                if (latencies.get(i) == 0) {
                    return true;
                }
            }
            return false;
        }

        private void awaitStop() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.strip().equals("stop")) {
                    // Nothing else is said on stdin.
                }
            } catch (IOException e) {
                // A broken pipe: the parent is gone, stop as on EOF.
            }
            stopped = true;
        }
    }
}
