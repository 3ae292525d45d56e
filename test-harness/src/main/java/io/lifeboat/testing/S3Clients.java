package io.lifeboat.testing;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client tests use against S3Mock: dummy credentials, path-style, no proxy. */
final class S3Clients {

    /** Not secret: S3Mock accepts any credentials, these only make requests signable. */
    static final String DUMMY_ACCESS_KEY = "lifeboat-test";

    private S3Clients() {
    }

    static S3Client forEndpoint(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                // Bucket names in the path: no DNS names like <bucket>.127.0.0.1.
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(DUMMY_ACCESS_KEY, DUMMY_ACCESS_KEY)))
                // The SDK's default CRC32 trailers (2.30+) break some S3-compatible stores; lifeboat
                // makes checksums explicit, so tests start from "only when the API requires it".
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60))
                        .proxyConfiguration(ProxyConfiguration.builder()
                                .useSystemPropertyValues(false)
                                .useEnvironmentVariablesValues(false)
                                .build()))
                .build();
    }
}
