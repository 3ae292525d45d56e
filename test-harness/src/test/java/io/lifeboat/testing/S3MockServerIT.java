package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

@RealS3
@ResourceLock(S3MockExtension.SERVER_LOCK)
class S3MockServerIT extends S3ServerContract {

    private static final int PART_BYTES = 5 * 1024 * 1024;

    @Test
    void start_mainAndExtraConnector_bothOnLoopback(S3Bucket bucket) throws IOException {
        List<String> listening = ListeningSockets.of(bucket.server().pid());

        // The main connector and S3Mock's extra HTTP connector (rebound by s3mock-loopback.xml).
        assertThat(listening).hasSizeGreaterThanOrEqualTo(2).allMatch(ListeningSockets::isLoopback);
    }

    /** Documents S3Mock's behaviour: an upload interrupted by a server crash can be resumed. */
    @Test
    void killThenStart_midMultipartUpload_keepsUploadAndItsParts(S3Bucket bucket) {
        S3Client client = bucket.client();
        String key = "snapshots/in-progress.db.zst";
        String uploadId = client.createMultipartUpload(r -> r.bucket(bucket.name()).key(key)).uploadId();
        byte[] first = bytes(PART_BYTES, 2);
        String firstEtag = client.uploadPart(
                r -> r.bucket(bucket.name()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();

        bucket.server().kill();
        bucket.server().start();

        List<MultipartUpload> uploads = client.listMultipartUploads(r -> r.bucket(bucket.name())).uploads();
        assertThat(uploads).extracting(MultipartUpload::uploadId).containsExactly(uploadId);
        List<Part> parts = client.listParts(r -> r.bucket(bucket.name()).key(key).uploadId(uploadId)).parts();
        assertThat(parts).extracting(Part::partNumber, Part::size).containsExactly(
                tuple(1, (long) PART_BYTES));

        byte[] second = bytes(1000, 3);
        String secondEtag = client.uploadPart(
                r -> r.bucket(bucket.name()).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        client.completeMultipartUpload(r -> r.bucket(bucket.name()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(firstEtag).build(),
                        CompletedPart.builder().partNumber(2).eTag(secondEtag).build())));

        byte[] stored = client.getObjectAsBytes(r -> r.bucket(bucket.name()).key(key)).asByteArray();
        assertThat(stored).hasSize(PART_BYTES + 1000);
        assertThat(Arrays.copyOfRange(stored, 0, PART_BYTES)).isEqualTo(first);
        assertThat(Arrays.copyOfRange(stored, PART_BYTES, stored.length)).isEqualTo(second);
    }
}
