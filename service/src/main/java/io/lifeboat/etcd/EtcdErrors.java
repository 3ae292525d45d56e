package io.lifeboat.etcd;

import io.grpc.Status;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;

/** Turns gRPC failures into lifeboat's errors, with the endpoint and a remedy. */
public final class EtcdErrors {

    private EtcdErrors() {
    }

    public static RuntimeException translate(String what, Throwable error) {
        Status status = Status.fromThrowable(error);
        String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        if (status.getCode() == Status.Code.UNAVAILABLE && hasCause(error, SSLException.class)) {
            return tlsFailure(what, error);
        }
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

    /**
     * gRPC reports a failed handshake as "UNAVAILABLE: io exception" (or "ssl exception"), with
     * the reason only in the causes. Which side refused decides which file to check: a
     * certificate error is ours (etcd's server certificate is not trusted), a TLS alert is
     * etcd's (with --client-cert-auth it refuses clients without a certificate of its CA).
     */
    private static EtcdUnavailableException tlsFailure(String what, Throwable error) {
        Throwable reason = error;
        while (reason.getCause() != null) {
            reason = reason.getCause();
        }
        String remedy = hasCause(error, GeneralSecurityException.class)
                ? "etcd's server certificate is not trusted: " + reason.getMessage()
                        + " (check lifeboat.etcd.cacert: it must be the CA that signed etcd's server certificate,"
                        + " on kubeadm /etc/kubernetes/pki/etcd/ca.crt, and that certificate must name the host)"
                : "etcd refused it: " + reason.getMessage()
                        + " (check lifeboat.etcd.cert and lifeboat.etcd.key: etcd with --client-cert-auth needs a"
                        + " client certificate signed by its CA, on kubeadm healthcheck-client.crt and .key)";
        return new EtcdUnavailableException(what + " failed the TLS handshake: " + remedy, error);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
