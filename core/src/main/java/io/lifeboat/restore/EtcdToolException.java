package io.lifeboat.restore;

/**
 * etcd's own tools could not do their part: {@code etcdutl}/{@code etcdctl} or {@code etcd}
 * is missing, or it failed (the message carries the end of its output), or the etcd started
 * on the restored data dir did not serve what the snapshot holds.
 */
public class EtcdToolException extends RuntimeException {
    public EtcdToolException(String message) {
        super(message);
    }

    public EtcdToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
