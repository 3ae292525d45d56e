package io.lifeboat.store;

/** The bucket answered, but has no object under the key asked for. */
public class ObjectNotFoundException extends StoreException {
    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
