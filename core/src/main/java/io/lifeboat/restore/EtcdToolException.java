package io.lifeboat.restore;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/**
 * etcd's own tools could not do their part: {@code etcdutl}/{@code etcdctl} or {@code etcd}
 * is missing, or it failed (the message carries the end of its output), or the etcd started
 * on the restored data dir did not serve what the snapshot holds.
 */
public class EtcdToolException extends LifeboatException {
    public EtcdToolException(String message) {
        super(FailureKind.ETCD_TOOL, message, null);
    }

    public EtcdToolException(String message, Throwable cause) {
        super(FailureKind.ETCD_TOOL, message, cause);
    }
}
