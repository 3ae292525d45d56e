package io.lifeboat.etcd;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/** No configured etcd endpoint could be reached, or one broke off mid-stream. */
public class EtcdUnavailableException extends LifeboatException {
    public EtcdUnavailableException(String message, Throwable cause) {
        super(FailureKind.ETCD_UNAVAILABLE, message, cause);
    }
}
