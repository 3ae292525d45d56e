package io.lifeboat.etcd;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.SnapshotRequest;
import io.etcd.jetcd.api.SnapshotResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.lifeboat.snapshot.SnapshotChunk;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * etcd's Maintenance.Snapshot stream as a {@code Flux<SnapshotChunk>} with real backpressure.
 *
 * <p>jetcd's {@code snapshot(StreamObserver)} reads with automatic flow control: gRPC
 * requests every message as soon as the last was delivered, so a slow bucket makes the
 * client buffer the whole snapshot in heap. Here inbound flow control is manual: the call
 * starts with no message requested, and each downstream {@code request(n)} becomes a gRPC
 * {@code request(n)}. Beyond what was requested, only HTTP/2's per-stream window (about
 * 1 MiB in grpc-java) is in flight from etcd. Cancelling the Flux cancels the call, which
 * tells etcd to stop streaming.
 *
 * <p>A live etcd that stops sending would otherwise leave the backup running forever: when
 * lifeboat has asked for a message and none arrives within the idle timeout, the call is
 * cancelled and the stream fails with {@link EtcdUnavailableException}. Only time with demand
 * outstanding counts, so a slow bucket (no demand, by backpressure) never looks like a stalled
 * etcd.
 *
 * <p>Chunks are emitted on gRPC's thread; subscribers publish onto their own scheduler for
 * heavy work.
 */
public final class EtcdSnapshotSource {

    /** The idle timeout when none is configured: {@code lifeboat.etcd.snapshot-idle-timeout}'s default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final Scheduler TIMER = Schedulers.parallel();

    private final ManagedChannel channel;
    private final String endpoint;
    private final Duration idleTimeout;
    private final AtomicLong bytesReceived = new AtomicLong();

    public EtcdSnapshotSource(ManagedChannel channel, String endpoint) {
        this(channel, endpoint, DEFAULT_IDLE_TIMEOUT);
    }

    public EtcdSnapshotSource(ManagedChannel channel, String endpoint, Duration idleTimeout) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.idleTimeout = idleTimeout;
    }

    /** Bytes received from etcd by this source so far, across subscriptions (for tests and metrics). */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    public Flux<SnapshotChunk> snapshot() {
        return Flux.create(this::stream, FluxSink.OverflowStrategy.ERROR);
    }

    private void stream(FluxSink<SnapshotChunk> sink) {
        ClientCall<SnapshotRequest, SnapshotResponse> call =
                channel.newCall(MaintenanceGrpc.getSnapshotMethod(), CallOptions.DEFAULT);
        Observer observer = new Observer(sink);
        ClientCalls.asyncServerStreamingCall(call, SnapshotRequest.getDefaultInstance(), observer);
        // Only a started call takes request(n); onRequest replays the demand that came before.
        sink.onRequest(n -> {
            observer.demanded(n);
            observer.call.request((int) Math.min(n, Integer.MAX_VALUE));
        });
        sink.onDispose(observer::stopTimer);
        sink.onCancel(() -> observer.call.cancel("lifeboat cancelled the snapshot", null));
    }

    private final class Observer implements ClientResponseObserver<SnapshotRequest, SnapshotResponse> {
        private final FluxSink<SnapshotChunk> sink;
        private ClientCallStreamObserver<SnapshotRequest> call;
        /** Messages asked for and not yet received; guarded by this. */
        private long outstanding;
        private long received;
        /** When lifeboat last got a message, or began to wait for one; guarded by this. */
        private long waitingSinceNanos;
        /** One check per idle period, not a timer per message (a GiB is ~32,000 messages). */
        private Disposable timer;
        private boolean done;

        Observer(FluxSink<SnapshotChunk> sink) {
            this.sink = sink;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<SnapshotRequest> call) {
            call.disableAutoRequestWithInitial(0);
            this.call = call;
        }

        @Override
        public void onNext(SnapshotResponse response) {
            // A read-only view of the message's own bytes: no copy per message.
            ByteBuffer blob = response.getBlob().asReadOnlyByteBuffer();
            bytesReceived.addAndGet(blob.remaining());
            synchronized (this) {
                received++;
                outstanding = Math.max(0, outstanding - 1);
                waitingSinceNanos = System.nanoTime();
            }
            sink.next(new SnapshotChunk(blob, response.getRemainingBytes()));
        }

        @Override
        public void onError(Throwable error) {
            stopTimer();
            sink.error(EtcdErrors.translate("snapshot stream from " + endpoint, error));
        }

        @Override
        public void onCompleted() {
            stopTimer();
            sink.complete();
        }

        synchronized void demanded(long n) {
            if (outstanding == 0) {
                // Time without demand never counts: the wait starts now.
                waitingSinceNanos = System.nanoTime();
            }
            outstanding = n == Long.MAX_VALUE || outstanding + n < 0 ? Long.MAX_VALUE : outstanding + n;
            if (timer == null && !done) {
                check(idleTimeout.toNanos());
            }
        }

        /** Schedules the next look at the stream {@code delayNanos} from now; called with the lock held. */
        private void check(long delayNanos) {
            timer = TIMER.schedule(this::onCheck, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
        }

        private void onCheck() {
            synchronized (this) {
                if (done) {
                    return;
                }
                long idleNanos = System.nanoTime() - waitingSinceNanos;
                if (outstanding == 0 || idleNanos < idleTimeout.toNanos()) {
                    check(outstanding == 0 ? idleTimeout.toNanos() : idleTimeout.toNanos() - idleNanos);
                    return;
                }
            }
            idle();
        }

        synchronized void stopTimer() {
            done = true;
            if (timer != null) {
                timer.dispose();
                timer = null;
            }
        }

        private void idle() {
            long messages;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                messages = received;
            }
            // The error first: cancelling makes gRPC report CANCELLED, which must not be the reason given.
            sink.error(new EtcdUnavailableException("etcd at " + endpoint + " sent no snapshot message for "
                    + idleTimeout.toMillis() + " ms while lifeboat waited for one (after " + messages + " messages, "
                    + bytesReceived.get() + " bytes): the stream stalled; the upload is aborted"
                    + " (lifeboat.etcd.snapshot-idle-timeout)", null));
            call.cancel("no snapshot message within the idle timeout", null);
        }
    }
}
