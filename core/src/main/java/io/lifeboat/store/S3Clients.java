package io.lifeboat.store;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import java.time.Duration;

/** Builds the S3 client both the service and the CLI use. */
public final class S3Clients {

    private S3Clients() {
    }

    /** Netty threads for S3 traffic: lifeboat keeps at most a few parts in flight. */
    private static final int EVENT_LOOP_THREADS = 2;

    public static S3AsyncClient async(S3Settings settings) {
        // lifeboat's own event loop group, so that closing the client ends its threads at once: the
        // SDK's own group waits out Netty's 2 s graceful-shutdown quiet period, which was most of
        // --once's 2.4 s from the manifest written to the process gone.
        EventLoopGroup group = new NioEventLoopGroup(EVENT_LOOP_THREADS, daemonThreads());
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .region(Region.of(settings.region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
                // lifeboat sends its own per-part checksums (ChecksumMode); the SDK's default
                // CRC32 trailers (aws-chunked) are refused by several S3-compatible stores.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(settings.apiCallTimeout()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .maxConcurrency(32)
                        .eventLoopGroup(SdkEventLoopGroup.create(group)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        S3AsyncClient client = builder.build();
        return new DelegatingS3AsyncClient(client) {
            @Override
            public void close() {
                try {
                    super.close();
                } finally {
                    // Nothing is in flight once the client is closed: no quiet period to wait for.
                    group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
                }
            }
        };
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "lifeboat-s3-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
