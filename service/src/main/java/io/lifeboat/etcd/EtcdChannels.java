package io.lifeboat.etcd;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One gRPC channel per etcd endpoint, reused across backups and closed with the service.
 * TLS is used for {@code https://} endpoints and requires {@code lifeboat.etcd.cacert}. The TLS
 * files are read once, when this is built at start-up: a file that cannot be used fails
 * start-up naming its key, instead of every backup failing with a gRPC status that has lost
 * the reason.
 */
public final class EtcdChannels implements AutoCloseable {

    /** etcd's default max request is 1.5 MiB; snapshot messages are 32 KiB. Allow headroom. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** grpc-java's default initial window; fixed here so the bound holds whatever the link. */
    public static final int FLOW_CONTROL_WINDOW_BYTES = 1024 * 1024;

    private final EtcdConfig config;
    /** Shared by every https channel; null when no endpoint is https. */
    private final SslContext sslContext;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public EtcdChannels(EtcdConfig config) {
        this.config = config;
        validate(config);
        boolean anyHttps = config.endpoints().stream()
                .anyMatch(endpoint -> "https".equals(URI.create(endpoint.trim()).getScheme()));
        this.sslContext = anyHttps ? sslContext() : null;
    }

    public ManagedChannel channel(String endpoint) {
        return channels.computeIfAbsent(endpoint, this::open);
    }

    private ManagedChannel open(String endpoint) {
        URI uri = URI.create(endpoint);
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                // A fixed HTTP/2 window (no BDP auto-tuning) bounds what etcd can push ahead of
                // demand: with manual flow control, at most this much is in flight unrequested.
                .flowControlWindow(FLOW_CONTROL_WINDOW_BYTES)
                // etcd is reached directly (usually on loopback), never through an HTTP proxy.
                .proxyDetector(address -> null)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS);
        if ("https".equals(uri.getScheme())) {
            builder.sslContext(sslContext);
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    private SslContext sslContext() {
        try {
            SslContextBuilder ssl = GrpcSslContexts.forClient()
                    .trustManager(TlsKeys.certificates("lifeboat.etcd.cacert", config.cacert()));
            if (config.cert() != null) {
                ssl.keyManager(TlsKeys.privateKey(config.key()),
                        TlsKeys.certificates("lifeboat.etcd.cert", config.cert()));
            }
            return ssl.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot use the TLS files of lifeboat.etcd (cacert " + config.cacert()
                    + ", cert " + config.cert() + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS files of lifeboat.etcd: " + e.getMessage(), e);
        }
    }

    static void validate(EtcdConfig config) {
        if (config.endpoints() == null || config.endpoints().isEmpty()) {
            throw new IllegalArgumentException("lifeboat.etcd.endpoints must list at least one URL"
                    + " (env LIFEBOAT_ETCD_ENDPOINTS, e.g. https://127.0.0.1:2379)");
        }
        for (String endpoint : config.endpoints()) {
            URI uri;
            try {
                uri = URI.create(endpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lifeboat.etcd.endpoints: '" + endpoint + "' is not a URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() < 1) {
                throw new IllegalArgumentException("lifeboat.etcd.endpoints: '" + endpoint
                        + "' must look like http://HOST:PORT or https://HOST:PORT");
            }
            if ("https".equals(uri.getScheme()) && config.cacert() == null) {
                throw new IllegalArgumentException("lifeboat.etcd.cacert is required for the https endpoint " + endpoint);
            }
        }
        if ((config.cert() == null) != (config.key() == null)) {
            throw new IllegalArgumentException("lifeboat.etcd.cert and lifeboat.etcd.key go together: set both or neither");
        }
        for (var file : new java.nio.file.Path[] {config.cacert(), config.cert(), config.key()}) {
            if (file != null && !java.nio.file.Files.isReadable(file)) {
                throw new IllegalArgumentException("lifeboat.etcd TLS file " + file + " does not exist or is not readable");
            }
        }
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
