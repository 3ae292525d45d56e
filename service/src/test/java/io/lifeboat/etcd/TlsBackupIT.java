package io.lifeboat.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.backup.BackupService;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.EtcdTls;
import io.lifeboat.testing.Etcdctl;
import io.lifeboat.testing.Openssl;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups from an etcd that runs as kubeadm runs it: https client URL, client certificates
 * required ({@code --client-cert-auth}), RSA keys in PKCS#1. lifeboat is configured as etcdctl
 * would be, with {@code lifeboat.etcd.cacert/cert/key}.
 */
@RealS3
class TlsBackupIT {

    private static final int KEYS = 5;
    private static final AtomicInteger BACKUPS = new AtomicInteger();
    /** Services still closing: each close waits out the S3 client's 2 s event-loop quiet period. */
    private static final List<Thread> CLOSING = new ArrayList<>();

    @TempDir
    static Path dir;

    private static EtcdTls tls;
    private static EtcdCluster etcd;
    private static String endpoint;
    private static Etcdctl etcdctl;

    @BeforeAll
    static void startTlsEtcdWithSomeKeys() {
        tls = EtcdTls.generate(dir.resolve("pki"));
        etcd = EtcdCluster.startTls(dir.resolve("etcd"), tls);
        endpoint = etcd.member(0).clientUrl();
        etcdctl = new Etcdctl().withTls(tls);
        for (int i = 0; i < KEYS; i++) {
            etcdctl.put(endpoint, "/registry/configmaps/default/cm-" + i, "value " + i);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Thread closing : CLOSING) {
            closing.join();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void backup_kubeadmStylePkcs1ClientKey_storesTheSnapshotAtEtcdsCurrentRevision(S3Bucket bucket)
            throws Exception {
        assertThat(Files.readAllLines(tls.clientKey()).get(0)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");

        Manifest manifest = backup(properties(bucket, tls.caCert(), tls.clientCert(), tls.clientKey()));

        // The backup lock's release (its lease revoked, its key deleted) is the one write after the snapshot.
        assertThat(manifest.revision()).isEqualTo(etcdctl.revision(endpoint) - 1).isGreaterThan(KEYS);
        assertThat(manifest.etcd().endpoint()).isEqualTo(endpoint);
        assertThat(bucket.client().headObject(r -> r.bucket(bucket.name()).key(manifest.object().key()))
                .contentLength()).isEqualTo(manifest.object().sizeBytes());
    }

    @Test
    void backup_ecClientKeyInPkcs8_storesTheSnapshotAtEtcdsCurrentRevision(S3Bucket bucket) {
        EtcdTls ec = tls.withEcClient();

        Manifest manifest = backup(properties(bucket, ec.caCert(), ec.clientCert(), ec.clientKey()));

        assertThat(manifest.revision()).isEqualTo(etcdctl.revision(endpoint) - 1);
    }

    @Test
    void backup_wrongCa_failsNamingTheEndpointAndTheCacert(S3Bucket bucket) {
        Path otherCa = Openssl.selfSignedCa(Openssl.ecKeyPkcs8(dir.resolve("other-ca.key")), "other-ca",
                dir.resolve("other-ca.crt"));

        assertThatThrownBy(() -> backup(properties(bucket, otherCa, tls.clientCert(), tls.clientKey())))
                .isInstanceOf(EtcdUnavailableException.class)
                .hasMessageContaining("etcd at " + endpoint + " failed the TLS handshake")
                .hasMessageContaining("server certificate is not trusted")
                .hasMessageContaining("check lifeboat.etcd.cacert");
    }

    @Test
    void backup_noClientCertificate_failsNamingTheEndpointAndCertAndKey(S3Bucket bucket) {
        assertThatThrownBy(() -> backup(properties(bucket, tls.caCert(), null, null)))
                .isInstanceOf(EtcdUnavailableException.class)
                .hasMessageContaining("etcd at " + endpoint + " failed the TLS handshake")
                .hasMessageContaining("etcd refused it")
                .hasMessageContaining("check lifeboat.etcd.cert and lifeboat.etcd.key");
    }

    /** Starts a service and runs one backup; the service then closes while the next test runs. */
    private static Manifest backup(Map<String, Object> properties) {
        ApplicationContext service = ApplicationContext.run(properties);
        try {
            return service.getBean(BackupService.class).backup().block();
        } finally {
            Thread closing = new Thread(service::close, "close-lifeboat-service");
            closing.start();
            CLOSING.add(closing);
        }
    }

    /** As {@code ServiceProperties} in the backup ITs, with an https endpoint and etcdctl's TLS files. */
    private static Map<String, Object> properties(S3Bucket bucket, Path cacert, Path cert, Path key) {
        Map<String, Object> p = new HashMap<>();
        p.put("lifeboat.etcd.endpoints", endpoint);
        p.put("lifeboat.etcd.cacert", cacert.toString());
        if (cert != null) {
            p.put("lifeboat.etcd.cert", cert.toString());
            p.put("lifeboat.etcd.key", key.toString());
        }
        p.put("lifeboat.etcd.connect-timeout", "3s");
        p.put("lifeboat.s3.bucket", bucket.name());
        p.put("lifeboat.s3.endpoint", bucket.endpoint().toString());
        p.put("lifeboat.s3.path-style", "true");
        p.put("lifeboat.s3.part-size", "5MB");
        p.put("lifeboat.schedule.enabled", "false");
        // A cluster name per backup: two backups of one revision in one second would share a key.
        p.put("lifeboat.cluster", "tls-" + BACKUPS.incrementAndGet());
        return p;
    }
}
