package io.lifeboat.etcd;

import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.RangeRequest;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a real etcd member what tests need to compare: key counts, KV hashes, its own metrics. */
public final class EtcdProbe implements AutoCloseable {

    private static final Pattern SNAPSHOT_MESSAGES = Pattern.compile(
            "grpc_server_msg_sent_total\\{grpc_method=\"Snapshot\"[^}]*} (\\S+)");

    private final String endpoint;
    private final ManagedChannel channel;

    public EtcdProbe(String endpoint) {
        this.endpoint = endpoint;
        URI uri = URI.create(endpoint);
        this.channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext()
                .proxyDetector(address -> null).build();
    }

    /** Live keys at {@code revision} (0 = now). */
    public long countKeys(long revision) {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFrom(new byte[] {0}))
                        .setRangeEnd(ByteString.copyFrom(new byte[] {0})).setCountOnly(true).setRevision(revision)
                        .build())
                .getCount();
    }

    /** etcd's hash of every key revision up to {@code revision}: equal data, equal hash. */
    public long hashKv(long revision) {
        return Integer.toUnsignedLong(MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .hashKV(HashKVRequest.newBuilder().setRevision(revision).build()).getHash());
    }

    public long currentRevision() {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("/")).setCountOnly(true).build())
                .getHeader().getRevision();
    }

    /** Snapshot messages (up to 32 KiB each) etcd has sent since it started, from its /metrics. */
    public long snapshotMessagesSent() {
        try {
            String metrics = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                    .send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = SNAPSHOT_MESSAGES.matcher(metrics);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + endpoint + "/metrics", e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
