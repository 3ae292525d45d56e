package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What every {@link S3Server} of the harness must do, written once and run against each server
 * (S3MockServerIT, S3ProxyServerIT): store bytes, listen on loopback only, and keep its buckets and
 * objects across a kill and a graceful stop.
 */
abstract class S3ServerContract {

    @Test
    void putObject_thenGet_roundTripsTheBytes(S3Bucket bucket) {
        byte[] body = bytes(100_000, 1);

        bucket.client().putObject(r -> r.bucket(bucket.name()).key("a/b.bin"), RequestBody.fromBytes(body));

        assertThat(bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name()).key("a/b.bin")).asByteArray())
                .isEqualTo(body);
        assertThat(bucket.endpoint().toString()).startsWith("http://127.0.0.1:");
    }

    @Test
    void start_listensOnLoopbackOnly(S3Bucket bucket) throws IOException {
        List<String> listening = ListeningSockets.of(bucket.server().pid());

        assertThat(listening).isNotEmpty().allMatch(ListeningSockets::isLoopback);
        assertThat(listening).anyMatch(address -> address.endsWith(
                String.format(":%04X", bucket.endpoint().getPort())));
    }

    @Test
    void killThenStart_keepsBucketAndObjects(S3Bucket bucket) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key("survivor"), RequestBody.fromString("still here"));

        bucket.server().kill();
        assertThat(bucket.server().isRunning()).isFalse();
        bucket.server().start();

        assertThat(bucket.client().listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket.name()));
        assertThat(bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name()).key("survivor")).asUtf8String())
                .isEqualTo("still here");
    }

    @Test
    void stopThenStart_gracefulShutdownKeepsFiles(S3Bucket bucket) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key("graceful"), RequestBody.fromString("kept"));

        bucket.server().stop();
        bucket.server().start();

        assertThat(bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name()).key("graceful")).asUtf8String())
                .isEqualTo("kept");
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
