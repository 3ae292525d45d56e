package io.lifeboat.store;

import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The contract on S3Mock (a real S3 server in its own process on 127.0.0.1), with CRC32C part checksums. */
@RealS3
class S3MockObjectStoreIT extends ObjectStoreContract {

    private static S3AsyncClient client;
    private static ObjectStore store;

    @BeforeAll
    static void connect(S3Bucket bucket) {
        S3Settings settings = new S3Settings(bucket.name(), Optional.of(bucket.endpoint()), "us-east-1", true,
                Duration.ofSeconds(30));
        client = S3Clients.async(settings);
        store = new S3ObjectStore(client, settings).withPageSizes(2, 2);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Override
    Features features() {
        return new Features(true, true, ChecksumMode.CRC32C);
    }
}
