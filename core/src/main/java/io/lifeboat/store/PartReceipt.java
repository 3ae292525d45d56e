package io.lifeboat.store;

/**
 * The store's answer to one part.
 *
 * @param etag the part's ETag, needed to complete the upload
 * @param checksum the checksum the store computed and echoed, null when it echoes none
 */
public record PartReceipt(String etag, String checksum) {
}
