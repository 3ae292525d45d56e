package io.lifeboat.store;

import java.time.Instant;

/**
 * A multipart upload that is neither completed nor aborted.
 *
 * @param key object key
 * @param uploadId the store's upload id
 * @param initiated when it started; null when the store does not say (or, in the abort backlog,
 *     not known)
 */
public record IncompleteUpload(String key, String uploadId, Instant initiated) {
}
