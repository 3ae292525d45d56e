package io.lifeboat.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a local etcd with a Kubernetes-like keyspace through etcd's own gRPC API (jetcd's
 * generated stubs, no jetcd client). The sequence of writes depends only on the seed; where a fill
 * stops depends on the db size etcd reports, so two runs agree closely but not to the byte.
 */
public final class KeyspaceGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(KeyspaceGenerator.class);

    /** Enough concurrent puts for etcd to batch many into each raft entry and fsync. */
    private static final int MAX_IN_FLIGHT_OPS = 128;
    private static final int MAX_IN_FLIGHT_BYTES = 8 * 1024 * 1024;
    /** Checks per fill; every {@value #CHECKS_PER_COMPACTION}th also compacts older history. */
    private static final int CHECKS_PER_FILL = 32;
    private static final int CHECKS_PER_COMPACTION = 8;
    private static final long CALL_DEADLINE_SECONDS = 60;
    private static final ByteString REGISTRY = ByteString.copyFromUtf8("/registry/");
    /** '/' + 1: the range end that covers every key under /registry/. */
    private static final ByteString REGISTRY_END = ByteString.copyFromUtf8("/registry0");

    /**
     * Writes until the member at {@code endpoint} reports a db size of at least
     * {@code targetDbSizeBytes}. About one write in four updates a live key and one in twelve
     * deletes one; every quarter of the target, the history written before the previous quarter is
     * compacted (as the API server compacts every few minutes), so the db holds recent history,
     * tombstones and free pages. Returns at once if the db is already that large.
     *
     * @throws IllegalStateException if a write fails (e.g. etcd's NOSPACE alarm) or etcd stalls
     */
    public FillResult fill(String endpoint, long targetDbSizeBytes, long seed) {
        return fillWith(endpoint, targetDbSizeBytes, seed, null);
    }

    /**
     * As {@link #fill(String, long, long)}, with every put's value taken from {@code values}
     * instead of random bytes: the same keys, value sizes and order of writes for the same seed,
     * so only the compressibility of the db differs (e.g. Kubernetes-like text next to the
     * random worst case).
     */
    public FillResult fill(String endpoint, long targetDbSizeBytes, long seed, ValueSource values) {
        return fillWith(endpoint, targetDbSizeBytes, seed, Objects.requireNonNull(values, "values"));
    }

    /** The bytes of each value a fill puts. Called once per put, in order, on the filling thread. */
    @FunctionalInterface
    public interface ValueSource {
        /**
         * @param key       the key being put, {@code /registry/<resource>/[<namespace>/]<name>}
         * @param sizeBytes the value size the keyspace drew for it
         * @return the value to put, ideally {@code sizeBytes} long; not touched after it is returned
         */
        byte[] value(String key, int sizeBytes);
    }

    /** {@code values} null: the keyspace's own random bytes. */
    private FillResult fillWith(String endpoint, long targetDbSizeBytes, long seed, ValueSource values) {
        if (targetDbSizeBytes <= 0) {
            throw new IllegalArgumentException("targetDbSizeBytes must be > 0: " + targetDbSizeBytes);
        }
        long started = System.nanoTime();
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            KVGrpc.KVStub kv = KVGrpc.newStub(channel);
            Keyspace keyspace = new Keyspace(seed);
            InFlight inFlight = new InFlight(MAX_IN_FLIGHT_OPS, MAX_IN_FLIGHT_BYTES);
            long checkEveryBytes = Math.max(256 * 1024, targetDbSizeBytes / CHECKS_PER_FILL);
            StatusResponse status = status(channel);
            // Only revisions this fill wrote are compacted: earlier ones may be compacted already.
            long compactTo = 0;
            long puts = 0;
            long deletes = 0;
            long sentSinceCheck = 0;
            int checks = 0;
            while (status.getDbSize() < targetDbSizeBytes) {
                Keyspace.Op op = withValue(keyspace.next(), values);
                send(kv, op, inFlight);
                if (op.isDelete()) {
                    deletes++;
                } else {
                    puts++;
                }
                sentSinceCheck += op.sizeInBytes();
                if (sentSinceCheck >= checkEveryBytes) {
                    // Drained first, so the size read counts every write sent so far.
                    inFlight.drain();
                    status = status(channel);
                    LOG.debug("check {}: {} ops sent, db {} bytes, revision {}", checks, puts + deletes,
                            status.getDbSize(), status.getHeader().getRevision());
                    sentSinceCheck = 0;
                    if (++checks % CHECKS_PER_COMPACTION == 0) {
                        if (compactTo > 0) {
                            // Physical: no compaction left running to change the db after we return.
                            compact(channel, compactTo, true);
                        }
                        compactTo = status.getHeader().getRevision();
                    }
                }
            }
            inFlight.drain();
            status = settled(channel);
            FillResult result = new FillResult(puts, deletes, countRegistryKeys(channel),
                    status.getHeader().getRevision(), status.getDbSize());
            LOG.info("filled {} in {} ms: {}", endpoint, (System.nanoTime() - started) / 1_000_000,
                    result);
            return result;
        } finally {
            EtcdChannels.close(channel);
        }
    }

    private static Keyspace.Op withValue(Keyspace.Op op, ValueSource values) {
        if (values == null || op.isDelete()) {
            return op;
        }
        return new Keyspace.Op(op.key(), values.value(op.key(), op.value().length));
    }

    /**
     * One async write, its room in flight held until etcd answers. No per-call deadline (a timer
     * per call costs CPU on a 2-core box): InFlight fails a fill whose calls stop completing.
     */
    private static void send(KVGrpc.KVStub kv, Keyspace.Op op, InFlight inFlight) {
        inFlight.acquire(op.sizeInBytes());
        ByteString key = UnsafeByteOperations.unsafeWrap(op.keyBytes());
        if (op.isDelete()) {
            kv.deleteRange(DeleteRangeRequest.newBuilder().setKey(key).build(),
                    inFlight.completion(op.sizeInBytes(), "delete " + op.key()));
        } else {
            // Wrapped, not copied: the value array is not touched again after this call.
            kv.put(PutRequest.newBuilder().setKey(key).setValue(UnsafeByteOperations.unsafeWrap(op.value()))
                            .build(),
                    inFlight.completion(op.sizeInBytes(), "put " + op.key()));
        }
    }

    /** Grants a lease of {@code ttlSeconds}, puts {@code key} attached to it, returns the lease id. */
    public long putWithLease(String endpoint, String key, byte[] value, long ttlSeconds) {
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            long leaseId = LeaseGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttlSeconds).build())
                    .getID();
            KVGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .put(PutRequest.newBuilder()
                            .setKey(ByteString.copyFrom(key, StandardCharsets.UTF_8))
                            .setValue(ByteString.copyFrom(value))
                            .setLease(leaseId)
                            .build());
            return leaseId;
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("put of " + key + " with a lease at " + endpoint
                    + " failed: " + e.getStatus(), e);
        } finally {
            EtcdChannels.close(channel);
        }
    }

    /**
     * Compacts history up to {@code revision} and waits until the compaction reached the backend
     * (physical), so a snapshot taken afterwards no longer holds the compacted revisions.
     */
    public void compact(String endpoint, long revision) {
        ManagedChannel channel = EtcdChannels.open(endpoint);
        try {
            compact(channel, revision, true);
        } finally {
            EtcdChannels.close(channel);
        }
    }

    private static void compact(ManagedChannel channel, long revision, boolean physical) {
        try {
            KVGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.MINUTES)
                    .compact(CompactionRequest.newBuilder().setRevision(revision)
                            .setPhysical(physical).build());
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("compaction to revision " + revision + " at "
                    + channel.authority() + " failed: " + e.getStatus(), e);
        }
    }

    private static StatusResponse status(ManagedChannel channel) {
        try {
            return MaintenanceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .status(StatusRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("status of " + channel.authority() + " failed: "
                    + e.getStatus(), e);
        }
    }

    /**
     * etcd's backend commits in batches (every 100 ms by default) and dbSize is taken at commit:
     * wait until two reads 250 ms apart agree, so the result matches a snapshot taken next.
     */
    private static StatusResponse settled(ManagedChannel channel) {
        StatusResponse previous = status(channel);
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd's backend", e);
            }
            StatusResponse current = status(channel);
            if (current.getDbSize() == previous.getDbSize()) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    private static long countRegistryKeys(ManagedChannel channel) {
        return KVGrpc.newBlockingStub(channel)
                .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(REGISTRY).setRangeEnd(REGISTRY_END)
                        .setCountOnly(true).build())
                .getCount();
    }
}
