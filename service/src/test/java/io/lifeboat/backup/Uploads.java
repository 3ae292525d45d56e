package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The bucket's incomplete multipart uploads, as failure and shutdown tests look at them. */
final class Uploads {

    private Uploads() {
    }

    /** Incomplete uploads under {@code prefix} ("" for the whole bucket). */
    static List<MultipartUpload> incomplete(S3Client client, String bucket, String prefix) {
        return client.listMultipartUploads(r -> r.bucket(bucket).prefix(prefix)).uploads();
    }

    /** Waits until an upload under {@code prefix} has stored its first part; {@code alive} false fails at once. */
    static void awaitFirstPart(S3Client client, String bucket, String prefix, Duration timeout, BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (MultipartUpload upload : incomplete(client, bucket, prefix)) {
                if (!client.listParts(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                        .parts().isEmpty()) {
                    return;
                }
            }
            assertThat(alive.getAsBoolean()).as("the backup is still running").isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no part was uploaded within " + timeout);
    }

    /** Waits until no upload under {@code prefix} is left (aborts are asynchronous), then asserts it. */
    static void awaitNone(S3Client client, String bucket, String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!incomplete(client, bucket, prefix).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(incomplete(client, bucket, prefix)).as("incomplete multipart uploads").isEmpty();
    }
}
