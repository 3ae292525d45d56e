package io.lifeboat.testing;

import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket a {@link RealS3} or {@link RealS3Proxy} test class gets: fresh and empty, on the JVM's
 * shared S3Mock or S3Proxy.
 *
 * @param server   the S3 server process, for stop/kill/start in failure tests
 * @param endpoint http://127.0.0.1:PORT of that server
 * @param name     the bucket's name, unique per test class
 * @param client   a client for that server (shared; do not close it)
 */
public record S3Bucket(S3Server server, URI endpoint, String name, S3Client client) {
}
