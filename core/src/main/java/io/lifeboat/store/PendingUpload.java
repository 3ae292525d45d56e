package io.lifeboat.store;

/** A multipart upload that lifeboat started and wants aborted. */
public record PendingUpload(String key, String uploadId) {
}
