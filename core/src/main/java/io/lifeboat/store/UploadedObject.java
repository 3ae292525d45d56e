package io.lifeboat.store;

import java.util.List;

/**
 * An object whose multipart upload completed and whose size S3 confirmed.
 *
 * @param key object key
 * @param sizeBytes bytes stored
 * @param sha256 SHA-256 of the bytes sent, hex
 * @param parts every part, in order
 */
public record UploadedObject(String key, long sizeBytes, String sha256, List<UploadedPart> parts) {
}
