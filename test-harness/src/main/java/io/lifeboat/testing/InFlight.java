package io.lifeboat.testing;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounds the async gRPC calls a fill keeps in flight, by count and by bytes: enough to let etcd
 * batch many writes per fsync, few enough to keep the heap and etcd's apply queue small.
 */
final class InFlight {

    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final int maxOps;
    private final int maxBytes;
    private final Semaphore ops;
    private final Semaphore bytes;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    InFlight(int maxOps, int maxBytes) {
        this.maxOps = maxOps;
        this.maxBytes = maxBytes;
        this.ops = new Semaphore(maxOps);
        this.bytes = new Semaphore(maxBytes);
    }

    /** Waits for room for one call of {@code size} bytes; rethrows an earlier call's failure. */
    void acquire(int size) {
        throwIfFailed();
        await(ops, 1);
        await(bytes, Math.min(size, maxBytes));
        throwIfFailed();
    }

    /** The observer for one call: releases its room when the call ends, records a failure. */
    <T> StreamObserver<T> completion(int size, String what) {
        int permits = Math.min(size, maxBytes);
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
            }

            @Override
            public void onError(Throwable t) {
                failure.compareAndSet(null, new IllegalStateException(what + " failed: " + t, t));
                release();
            }

            @Override
            public void onCompleted() {
                release();
            }

            private void release() {
                bytes.release(permits);
                ops.release();
            }
        };
    }

    /** Waits until every call sent so far has completed, then rethrows the first failure. */
    void drain() {
        await(ops, maxOps);
        ops.release(maxOps);
        throwIfFailed();
    }

    private void throwIfFailed() {
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
    }

    private void await(Semaphore semaphore, int permits) {
        try {
            if (!semaphore.tryAcquire(permits, STALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                throw new IllegalStateException("etcd answered no write for "
                        + STALL_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to etcd", e);
        }
    }
}
