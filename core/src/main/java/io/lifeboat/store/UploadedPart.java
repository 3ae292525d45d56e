package io.lifeboat.store;

/**
 * One part of a completed multipart upload, as the uploader reports it (the manifest maps it).
 *
 * @param number 1-based part number
 * @param sizeBytes bytes in the part
 * @param checksum the checksum sent with the part (base64, of the upload's ChecksumMode); empty
 *     with checksums off
 * @param etag the store's ETag of the part
 */
public record UploadedPart(int number, long sizeBytes, String checksum, String etag) {
}
