package io.lifeboat.store;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The contract on LocalStack's S3, where a Docker engine exists: a third implementation with
 * AWS's own request parsing. Without Docker (these build machines) JUnit reports the class as
 * skipped; the same contract runs on the fake, S3Mock and S3Proxy everywhere, so this is never
 * the only coverage. Image: {@code localstack.image} in the parent POM.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackObjectStoreIT extends ObjectStoreContract {

    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse(
            System.getProperty("lifeboat.localstack.image", "localstack/localstack:4.4")))
            .withServices(LocalStackContainer.Service.S3);

    private static S3AsyncClient client;
    private static ObjectStore store;

    @BeforeAll
    static void connect() throws Exception {
        String bucket = "lb-contract";
        LOCALSTACK.execInContainer("awslocal", "s3", "mb", "s3://" + bucket);
        System.setProperty("aws.accessKeyId", LOCALSTACK.getAccessKey());
        System.setProperty("aws.secretAccessKey", LOCALSTACK.getSecretKey());
        S3Settings settings = new S3Settings(bucket, Optional.of(LOCALSTACK.getEndpoint()), LOCALSTACK.getRegion(), true,
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
