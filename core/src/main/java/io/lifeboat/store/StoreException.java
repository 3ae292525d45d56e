package io.lifeboat.store;

/**
 * The bucket could not be read or written. The message names the bucket, the key and the
 * endpoint, never credentials.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
