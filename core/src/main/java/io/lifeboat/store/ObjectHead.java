package io.lifeboat.store;

/**
 * What a HEAD of one object says.
 *
 * @param key object key
 * @param sizeBytes bytes stored
 * @param etag the content's version tag
 * @param storageClass the store's storage class, {@code STANDARD} when it names none
 * @param archive whether the bytes can be read now
 */
public record ObjectHead(String key, long sizeBytes, String etag, String storageClass, Archive archive) {

    /** Readability of an object in an archive class (GLACIER, DEEP_ARCHIVE). */
    public enum Archive {
        /** Not archived: readable. */
        NONE,
        /** Archived, no thaw asked for: a GET fails until one is requested and done. */
        FROZEN,
        /** A thaw was requested and is in progress. */
        THAWING,
        /** Archived, with a thawed copy readable for a while. */
        THAWED;

        public boolean readable() {
            return this == NONE || this == THAWED;
        }
    }
}
