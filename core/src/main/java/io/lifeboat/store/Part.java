package io.lifeboat.store;

import java.nio.ByteBuffer;

/**
 * One multipart part held in memory until S3 has acknowledged it.
 *
 * @param number 1-based part number
 * @param data the part's bytes from position 0 to the limit; a buffer of the uploader's
 *     {@link MultipartUploader#partBuffers() pool}, which nobody moves or writes while the part lives
 */
public record Part(int number, ByteBuffer data) {

    /** Bytes in the part. */
    public int length() {
        return data.remaining();
    }
}
