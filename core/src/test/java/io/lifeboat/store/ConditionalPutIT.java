package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The manifest's commit never overwrites: against a real S3 server (S3Mock), whether it honours If-None-Match or not. */
@RealS3
class ConditionalPutIT {

    @Test
    void putBytesIfAbsent_keyTaken_refusesAndKeepsTheFirstObject(S3Bucket bucket) throws Exception {
        S3Settings settings = new S3Settings(bucket.name(), Optional.of(bucket.endpoint()), "us-east-1", true,
                Duration.ofSeconds(30));
        try (S3AsyncClient client = S3Clients.async(settings)) {
            ObjectStore store = new S3ObjectStore(client, settings);

            Boolean first = store.putBytesIfAbsent("c/manifests/a.json", bytes("first"), "application/json").block();
            Boolean second = store.putBytesIfAbsent("c/manifests/a.json", bytes("second"), "application/json").block();

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(new String(store.getBytes("c/manifests/a.json").block(), StandardCharsets.UTF_8))
                    .isEqualTo("first");
        }
    }

    @Test
    void conditionalPut_bypassingTheHead_isRefusedByTheStoreWith412(S3Bucket bucket) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key("c/x"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("first"));

        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> bucket.client().putObject(r -> r.bucket(bucket.name()).key("c/x").ifNoneMatch("*"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("second")));

        assertThat(refused).as("S3Mock honours If-None-Match: *").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(412);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
