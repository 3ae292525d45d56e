package io.lifeboat.cli;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.lifeboat.snapshot.SnapshotDigest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads every key of a real etcd member through its gRPC API, for comparing two members key by key. */
final class EtcdKeys implements AutoCloseable {

    /** One key as etcd serves it; the value by its SHA-256, so 10k large values fit in memory and in messages. */
    record Entry(String key, String valueSha256, long createRevision, long modRevision, long version, long lease) {
    }

    private static final int PAGE = 500;

    private final ManagedChannel channel;

    EtcdKeys(String endpoint) {
        URI uri = URI.create(endpoint);
        this.channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext()
                .proxyDetector(address -> null).maxInboundMessageSize(64 << 20).build();
    }

    /** Every key at {@code revision} (0: the current one), in key order. */
    List<Entry> all(long revision) {
        List<Entry> entries = new ArrayList<>();
        ByteString from = ByteString.copyFrom(new byte[] {0});
        while (true) {
            RangeResponse page = KVGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .range(RangeRequest.newBuilder().setKey(from).setRangeEnd(ByteString.copyFrom(new byte[] {0}))
                            .setRevision(revision).setLimit(PAGE).setSortOrder(RangeRequest.SortOrder.ASCEND)
                            .setSortTarget(RangeRequest.SortTarget.KEY).build());
            for (KeyValue kv : page.getKvsList()) {
                entries.add(new Entry(kv.getKey().toStringUtf8(),
                        SnapshotDigest.hex(SnapshotDigest.newSha256().digest(kv.getValue().toByteArray())),
                        kv.getCreateRevision(), kv.getModRevision(), kv.getVersion(), kv.getLease()));
            }
            if (!page.getMore() || page.getKvsCount() == 0) {
                return entries;
            }
            // The next key after the last one: append a zero byte.
            from = page.getKvs(page.getKvsCount() - 1).getKey().concat(ByteString.copyFrom(new byte[] {0}));
        }
    }

    void put(String key, byte[] value) {
        KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .put(io.etcd.jetcd.api.PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                        .setValue(ByteString.copyFrom(value)).build());
    }

    /** Deletes every key starting with {@code prefix}; returns how many. */
    long deletePrefix(String prefix) {
        byte[] end = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .deleteRange(io.etcd.jetcd.api.DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(prefix))
                        .setRangeEnd(ByteString.copyFrom(end)).build())
                .getDeleted();
    }

    long count() {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFrom(new byte[] {0}))
                        .setRangeEnd(ByteString.copyFrom(new byte[] {0})).setCountOnly(true).build())
                .getCount();
    }

    long currentRevision() {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("/")).setCountOnly(true).build())
                .getHeader().getRevision();
    }

    LeaseTimeToLiveResponse lease(long id) {
        return LeaseGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(id).build());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
