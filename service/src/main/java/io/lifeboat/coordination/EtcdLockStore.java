package io.lifeboat.coordination;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrantResponse;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.lifeboat.etcd.EtcdErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * The lock's etcd calls, on jetcd's generated stubs: lease grant, keep-alive and revoke, and the
 * two transactions. Blocking calls carry a deadline and are meant for a boundedElastic thread.
 *
 * <p>Why a Txn and not etcd's Lock service: Lock blocks until the lock is free, and a scheduled
 * run must not queue behind another instance's backup; a Txn whose compare is "the key's
 * create_revision is 0" (it does not exist) is a non-blocking try-lock. The key is attached to
 * the lease, so etcd deletes it when the lease is revoked or expires (a killed holder).
 */
final class EtcdLockStore {

    private final ManagedChannel channel;
    private final Duration callTimeout;

    EtcdLockStore(ManagedChannel channel, Duration callTimeout) {
        this.channel = channel;
        this.callTimeout = callTimeout;
    }

    /** @return the lease id; etcd may grant a longer TTL than asked for, never a shorter one */
    long grant(Duration ttl) {
        LeaseGrantResponse granted = LeaseGrpc.newBlockingStub(channel).withDeadlineAfter(millis(), TimeUnit.MILLISECONDS)
                .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttl.toSeconds()).build());
        if (!granted.getError().isEmpty()) {
            throw new IllegalStateException("etcd refused a lease: " + granted.getError());
        }
        return granted.getID();
    }

    /**
     * One transaction: if {@code lockKey} does not exist, create it with {@code holder} on
     * {@code lease} and read {@code tickKey}; else read who holds it.
     */
    LockAttempt tryLock(String lockKey, String tickKey, String holder, long lease) {
        ByteString lock = utf8(lockKey);
        TxnResponse txn = KVGrpc.newBlockingStub(channel).withDeadlineAfter(millis(), TimeUnit.MILLISECONDS)
                .txn(TxnRequest.newBuilder()
                        .addCompare(Compare.newBuilder().setKey(lock).setTarget(Compare.CompareTarget.CREATE)
                                .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0))
                        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(lock)
                                .setValue(utf8(holder)).setLease(lease)))
                        .addSuccess(range(tickKey))
                        .addFailure(range(lockKey))
                        .build());
        if (!txn.getSucceeded()) {
            return new LockAttempt(false, value(txn.getResponses(0).getResponseRange().getKvsList()).orElse("?"),
                    Optional.empty(), 0);
        }
        Optional<Instant> lastTick = value(txn.getResponses(1).getResponseRange().getKvsList()).map(Instant::parse);
        // The put created the key in this transaction, so its create_revision is the txn's revision.
        return new LockAttempt(true, holder, lastTick, txn.getHeader().getRevision());
    }

    /**
     * Records {@code tick} as taken, only while the lock key is still the one created at
     * {@code lockRevision} (ours): a lease that expired in between must not record a tick.
     *
     * @return false if the lock was lost before the tick could be recorded
     */
    boolean recordTick(String lockKey, long lockRevision, String tickKey, Instant tick) {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(millis(), TimeUnit.MILLISECONDS)
                .txn(TxnRequest.newBuilder()
                        .addCompare(Compare.newBuilder().setKey(utf8(lockKey)).setTarget(Compare.CompareTarget.CREATE)
                                .setResult(Compare.CompareResult.EQUAL).setCreateRevision(lockRevision))
                        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(utf8(tickKey))
                                .setValue(utf8(tick.toString()))))
                        .build())
                .getSucceeded();
    }

    /** Revoking deletes every key attached to the lease: the lock is free at once. */
    void revoke(long lease) {
        LeaseGrpc.newBlockingStub(channel).withDeadlineAfter(millis(), TimeUnit.MILLISECONDS)
                .leaseRevoke(LeaseRevokeRequest.newBuilder().setID(lease).build());
    }

    /**
     * Keeps {@code lease} alive while subscribed: a LeaseKeepAlive stream with a request every
     * {@code interval} (the first at once); emits the TTL of each answer, 0 once etcd no longer
     * knows the lease. Cancelling ends the stream; the lease then lives until its TTL runs out
     * or it is revoked.
     */
    Flux<Long> keepAlive(long lease, Duration interval, Scheduler timer) {
        return Flux.create(sink -> {
            ClientResponseObserver<LeaseKeepAliveRequest, LeaseKeepAliveResponse> answers = new ClientResponseObserver<>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<LeaseKeepAliveRequest> requests) {
                }

                @Override
                public void onNext(LeaseKeepAliveResponse answer) {
                    sink.next(answer.getTTL());
                }

                @Override
                public void onError(Throwable error) {
                    sink.error(EtcdErrors.translate("lease keep-alive at etcd", error));
                }

                @Override
                public void onCompleted() {
                    sink.complete();
                }
            };
            var requests = (ClientCallStreamObserver<LeaseKeepAliveRequest>) LeaseGrpc.newStub(channel)
                    .leaseKeepAlive(answers);
            LeaseKeepAliveRequest request = LeaseKeepAliveRequest.newBuilder().setID(lease).build();
            // A gRPC request stream takes one caller at a time: the ticker sends, dispose cancels.
            Object guard = new Object();
            Disposable ticker = Flux.interval(Duration.ZERO, interval, timer).subscribe(i -> {
                synchronized (guard) {
                    try {
                        requests.onNext(request);
                    } catch (IllegalStateException closed) {
                        // The call already ended; its onError or onCompleted tells the watch.
                    }
                }
            });
            sink.onDispose(() -> {
                ticker.dispose();
                synchronized (guard) {
                    requests.cancel("lifeboat released the lock", null);
                }
            });
        }, FluxSink.OverflowStrategy.LATEST);
    }

    private long millis() {
        return callTimeout.toMillis();
    }

    private static RequestOp range(String key) {
        return RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(utf8(key))).build();
    }

    private static Optional<String> value(List<KeyValue> kvs) {
        return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0).getValue().toStringUtf8());
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
