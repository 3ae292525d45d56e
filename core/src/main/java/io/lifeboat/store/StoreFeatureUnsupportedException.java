package io.lifeboat.store;

/**
 * The store does not implement a feature lifeboat can do without (object tagging, lifecycle
 * configuration, archive thaws): S3Proxy and some other S3-compatible stores answer 501
 * NotImplemented. Still a store failure where the feature was what was asked for.
 */
public final class StoreFeatureUnsupportedException extends StoreException {

    public StoreFeatureUnsupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
