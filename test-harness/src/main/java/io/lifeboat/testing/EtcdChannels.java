package io.lifeboat.testing;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Plaintext gRPC channels to a local etcd member, never through a proxy. */
final class EtcdChannels {

    private EtcdChannels() {
    }

    /** A channel to the first endpoint of {@code endpoints}, which must be on 127.0.0.1. */
    static ManagedChannel open(String endpoints) {
        return NettyChannelBuilder.forAddress(Loopback.address(endpoints))
                .usePlaintext()
                // A proxy from the environment must never see test traffic.
                .proxyDetector(address -> null)
                .maxInboundMessageSize(16 * 1024 * 1024)
                // Callbacks only release permits: no need for an executor hop.
                .directExecutor()
                .build();
    }

    static void close(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
