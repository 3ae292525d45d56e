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
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

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
 * <p>Chunks are emitted on gRPC's thread; subscribers publish onto their own scheduler for
 * heavy work.
 */
public final class EtcdSnapshotSource {

    private final ManagedChannel channel;
    private final String endpoint;
    private final AtomicLong bytesReceived = new AtomicLong();

    public EtcdSnapshotSource(ManagedChannel channel, String endpoint) {
        this.channel = channel;
        this.endpoint = endpoint;
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
        sink.onRequest(n -> observer.call.request((int) Math.min(n, Integer.MAX_VALUE)));
        sink.onCancel(() -> observer.call.cancel("lifeboat cancelled the snapshot", null));
    }

    private final class Observer implements ClientResponseObserver<SnapshotRequest, SnapshotResponse> {
        private final FluxSink<SnapshotChunk> sink;
        private ClientCallStreamObserver<SnapshotRequest> call;

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
            byte[] blob = response.getBlob().toByteArray();
            bytesReceived.addAndGet(blob.length);
            sink.next(new SnapshotChunk(ByteBuffer.wrap(blob), response.getRemainingBytes()));
        }

        @Override
        public void onError(Throwable error) {
            sink.error(EtcdErrors.translate("snapshot stream from " + endpoint, error));
        }

        @Override
        public void onCompleted() {
            sink.complete();
        }
    }
}
