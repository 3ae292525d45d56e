package io.lifeboat.infra.systemd;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Reads keys of a real etcd through its gRPC API, to compare a member before and after. */
final class EtcdKeys implements AutoCloseable {

    private static final int PAGE = 500;

    private final ManagedChannel channel;

    EtcdKeys(String endpoint) {
        URI uri = URI.create(endpoint);
        channel = ManagedChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext()
                .proxyDetector(address -> null).maxInboundMessageSize(64 << 20).build();
    }

    /** Every key under {@code prefix}, in key order, with the SHA-256 of its value. */
    Map<String, String> under(String prefix) {
        byte[] end = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        end[end.length - 1]++;
        ByteString rangeEnd = ByteString.copyFrom(end);
        Map<String, String> keys = new TreeMap<>();
        ByteString from = ByteString.copyFromUtf8(prefix);
        while (true) {
            RangeResponse page = KVGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .range(RangeRequest.newBuilder().setKey(from).setRangeEnd(rangeEnd).setLimit(PAGE)
                            .setSortOrder(RangeRequest.SortOrder.ASCEND).setSortTarget(RangeRequest.SortTarget.KEY)
                            .build());
            for (KeyValue kv : page.getKvsList()) {
                keys.put(kv.getKey().toStringUtf8(), sha256(kv.getValue().toByteArray()));
            }
            if (!page.getMore() || page.getKvsCount() == 0) {
                return keys;
            }
            from = page.getKvs(page.getKvsCount() - 1).getKey().concat(ByteString.copyFrom(new byte[] {0}));
        }
    }

    long revision() {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("/")).setCountOnly(true).build())
                .getHeader().getRevision();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
