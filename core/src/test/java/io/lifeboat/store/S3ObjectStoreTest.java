package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class S3ObjectStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryS3Client s3 = new InMemoryS3Client();
    private final S3ObjectStore store = new S3ObjectStore(s3, new S3Settings("lifeboat", Optional.of(URI.create("http://127.0.0.1:9090")),
            "us-east-1", true, Duration.ofSeconds(30)));

    @Test
    void putBytesThenGetBytes_givesTheBytesBack() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        StepVerifier.create(store.putBytes("a/b.json", body, "application/json")).expectComplete().verify(TIMEOUT);

        assertThat(s3.contentTypes).containsEntry("a/b.json", "application/json");
        StepVerifier.create(store.getBytes("a/b.json"))
                .assertNext(read -> assertThat(read).isEqualTo(body))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void getBytes_missingKey_isEmpty() {
        StepVerifier.create(store.getBytes("a/missing.json")).expectComplete().verify(TIMEOUT);
    }

    @Test
    void getBytes_storeError_failsNamingKeyBucketAndEndpoint() {
        s3.objects.put("a/b.json", new byte[1]);
        s3.failingReads.add("a/b.json");

        StepVerifier.create(store.getBytes("a/b.json"))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("cannot read a/b.json in s3://lifeboat at http://127.0.0.1:9090")
                        .hasMessageContaining("internal error"))
                .verify(TIMEOUT);
    }

    @Test
    void list_followsEveryPageInKeyOrder() {
        for (String key : new String[] {"p/3", "p/1", "p/5", "p/2", "p/4", "q/1"}) {
            s3.objects.put(key, new byte[0]);
        }

        StepVerifier.create(store.list("p/").map(StoredObject::key))
                .expectNext("p/1", "p/2", "p/3", "p/4", "p/5")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void list_storeError_failsNamingThePrefix() {
        s3.failListing = true;

        StepVerifier.create(store.list("p/"))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("cannot list p/ in s3://lifeboat"))
                .verify(TIMEOUT);
    }

    @Test
    void archive_fromStorageClassAndRestoreHeader() {
        assertThat(S3ObjectStore.archive("STANDARD", null)).isEqualTo(ObjectHead.Archive.NONE);
        assertThat(S3ObjectStore.archive("GLACIER_IR", null)).as("instant retrieval needs no thaw")
                .isEqualTo(ObjectHead.Archive.NONE);
        assertThat(S3ObjectStore.archive("GLACIER", null)).isEqualTo(ObjectHead.Archive.FROZEN);
        assertThat(S3ObjectStore.archive("DEEP_ARCHIVE", "ongoing-request=\"true\"")).isEqualTo(ObjectHead.Archive.THAWING);
        assertThat(S3ObjectStore.archive("GLACIER",
                "ongoing-request=\"false\", expiry-date=\"Fri, 21 Dec 2026 00:00:00 GMT\""))
                .isEqualTo(ObjectHead.Archive.THAWED);
    }
}
