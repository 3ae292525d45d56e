package io.lifeboat.etcd;

import io.grpc.Status;

/** Turns gRPC failures into lifeboat's errors, with the endpoint and a remedy. */
final class EtcdErrors {

    private EtcdErrors() {
    }

    static RuntimeException translate(String what, Throwable error) {
        Status status = Status.fromThrowable(error);
        String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, INTERNAL ->
                    new EtcdUnavailableException(what + " failed: " + detail
                            + " (is etcd running, and do lifeboat.etcd.endpoints and its TLS files match it?)", error);
            case UNAUTHENTICATED, PERMISSION_DENIED ->
                    new EtcdUnavailableException(what + " was refused: " + detail
                            + " (check lifeboat.etcd.cert/key: etcd must accept this client certificate)", error);
            default -> new EtcdUnavailableException(what + " failed: " + detail, error);
        };
    }
}
