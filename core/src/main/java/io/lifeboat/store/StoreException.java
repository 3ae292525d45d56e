package io.lifeboat.store;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/**
 * The bucket could not be read or written. The message names the bucket, the key and the
 * endpoint, never credentials.
 */
public class StoreException extends LifeboatException {
    public StoreException(String message, Throwable cause) {
        super(FailureKind.STORE_UNAVAILABLE, message, cause);
    }
}
