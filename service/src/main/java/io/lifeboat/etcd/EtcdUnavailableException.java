package io.lifeboat.etcd;

/** No configured etcd endpoint could be reached, or one broke off mid-stream. */
public class EtcdUnavailableException extends RuntimeException {
    public EtcdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
