package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The harness's S3Proxy: the S3 server contract, and the refusals that make it the "less capable
 * store", as S3Proxy 2.6.0 answers them (its log says "Unknown header x-amz-checksum-crc32c",
 * "Unknown parameters tagging").
 */
@RealS3Proxy
@ResourceLock(S3ProxyExtension.SERVER_LOCK)
class S3ProxyServerIT extends S3ServerContract {

    @Test
    void resolve_realS3Proxy_givesABucketOnS3Proxy(S3Bucket bucket) {
        assertThat(bucket.server()).isInstanceOf(S3ProxyServer.class);
    }

    /** Lifeboat sends the part's checksum as a precomputed header, never as an aws-chunked trailer. */
    @Test
    void putObject_withChecksumHeader_answersNotImplemented(S3Bucket bucket) {
        byte[] body = bytes(1000, 2);
        CRC32C crc = new CRC32C();
        crc.update(body);
        String checksum = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());

        S3Exception refused = catchThrowableOfType(S3Exception.class, () -> bucket.client().putObject(
                r -> r.bucket(bucket.name()).key("checksummed").checksumCRC32C(checksum), RequestBody.fromBytes(body)));

        assertNotImplemented(refused);
    }

    @Test
    void createMultipartUpload_withChecksumAlgorithm_answersNotImplemented(S3Bucket bucket) {
        S3Exception refused = catchThrowableOfType(S3Exception.class, () -> bucket.client().createMultipartUpload(
                r -> r.bucket(bucket.name()).key("multipart").checksumAlgorithm(ChecksumAlgorithm.CRC32_C)));

        assertNotImplemented(refused);
        assertThat(bucket.client().listMultipartUploads(r -> r.bucket(bucket.name())).uploads()).isEmpty();
    }

    @Test
    void putObjectTagging_answersNotImplemented(S3Bucket bucket) {
        bucket.client().putObject(r -> r.bucket(bucket.name()).key("tagged"), RequestBody.fromString("x"));

        S3Exception refused = catchThrowableOfType(S3Exception.class, () -> bucket.client().putObjectTagging(
                r -> r.bucket(bucket.name()).key("tagged")
                        .tagging(t -> t.tagSet(Tag.builder().key("tier").value("daily").build()))));

        assertNotImplemented(refused);
    }

    @Test
    void putBucketLifecycleConfiguration_answersNotImplemented(S3Bucket bucket) {
        S3Exception refused = catchThrowableOfType(S3Exception.class, () -> bucket.client()
                .putBucketLifecycleConfiguration(r -> r.bucket(bucket.name()).lifecycleConfiguration(l -> l.rules(
                        LifecycleRule.builder().id("abort-stale-uploads").status(ExpirationStatus.ENABLED)
                                .filter(f -> f.prefix(""))
                                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build()))));

        assertNotImplemented(refused);
    }

    /** S3Proxy's answer to anything it does not support: 501, code NotImplemented. */
    private static void assertNotImplemented(S3Exception refused) {
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(501);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
    }
}
