package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kubeadm-style TLS etcd: https client URL, client certificates required, PKCS#1 RSA keys. */
class EtcdTlsIT {

    @TempDir
    static Path dir;

    private static EtcdTls tls;
    private static EtcdCluster etcd;

    @BeforeAll
    static void start() {
        tls = EtcdTls.generate(dir.resolve("pki"));
        etcd = EtcdCluster.startTls(dir.resolve("etcd"), tls);
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void generate_writesKubeadmStyleFiles_withPkcs1RsaKeys() throws Exception {
        assertThat(List.of(tls.caKey(), tls.serverKey(), tls.clientKey()))
                .allSatisfy(key -> assertThat(firstLine(key)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----"));
        assertThat(List.of(tls.caCert(), tls.serverCert(), tls.clientCert()))
                .allSatisfy(cert -> assertThat(firstLine(cert)).isEqualTo("-----BEGIN CERTIFICATE-----"));
        assertThat(tls.clientCert().getFileName()).hasToString("healthcheck-client.crt");
        assertThat(Files.list(tls.caCert().getParent()).map(p -> p.getFileName().toString()))
                .noneMatch(name -> name.endsWith(".csr") || name.endsWith(".ext"));
    }

    @Test
    void startTls_clientUrlIsHttpsAndEtcdctlWithTheClientCertWrites() {
        String endpoint = etcd.clientEndpoints();
        Etcdctl etcdctl = new Etcdctl().withTls(tls);

        long before = etcdctl.revision(endpoint);
        long put = etcdctl.put(endpoint, "/registry/secrets/kube-system/tls", "over TLS");

        assertThat(endpoint).isEqualTo(etcd.member(0).clientUrl()).startsWith("https://127.0.0.1:");
        assertThat(put).isEqualTo(before + 1);
        assertThat(etcdctl.revision(endpoint)).isEqualTo(put);
    }

    @Test
    void startTls_ecClientKeyInPkcs8_isAccepted() throws Exception {
        EtcdTls ec = tls.withEcClient();

        long put = new Etcdctl().withTls(ec).put(etcd.clientEndpoints(), "/registry/configmaps/default/ec", "v");

        assertThat(firstLine(ec.clientKey())).isEqualTo("-----BEGIN PRIVATE KEY-----");
        assertThat(ec.caCert()).isEqualTo(tls.caCert());
        assertThat(put).isEqualTo(new Etcdctl().withTls(tls).revision(etcd.clientEndpoints()));
    }

    @Test
    void startTls_clientCertificateOfAnotherCa_isRefused() throws Exception {
        EtcdTls other = EtcdTls.generate(dir.resolve("other-pki"));
        // Trusts etcd's CA, so only etcd's --client-cert-auth can refuse it.
        EtcdTls foreignClient = new EtcdTls(tls.caCert(), tls.caKey(), tls.serverCert(), tls.serverKey(),
                other.clientCert(), other.clientKey());

        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .sslContext(foreignClient.clientSslContext()).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(etcd.clientEndpoints() + "/health"))
                .timeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> client.send(health, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(logOnceItMentions(etcd.member(0).logFile(), "rejected connection"))
                .contains("certificate signed by unknown authority");
    }

    /** etcd may log the rejection just after the client has seen the TLS alert. */
    private static String logOnceItMentions(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String content = Files.readString(log);
        while (!content.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            content = Files.readString(log);
        }
        return content;
    }

    private static String firstLine(Path file) throws Exception {
        return Files.readAllLines(file).get(0);
    }
}
