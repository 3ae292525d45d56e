package io.lifeboat.store;

import java.time.Instant;

/**
 * One object of a listing.
 *
 * @param key object key
 * @param sizeBytes bytes stored
 * @param lastModified when the store dated it (a multipart object: the start of its upload); null
 *     when the store does not say
 * @param etag the store's version tag of the content, quotes included as the store sent it
 */
public record StoredObject(String key, long sizeBytes, Instant lastModified, String etag) {
}
