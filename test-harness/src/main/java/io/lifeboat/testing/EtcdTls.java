package io.lifeboat.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The PKI of a TLS etcd, laid out as kubeadm lays out {@code /etc/kubernetes/pki/etcd}: one CA,
 * a server certificate for 127.0.0.1 ({@code server.crt}, SAN IP:127.0.0.1 and DNS:localhost,
 * usable for server and client auth as kubeadm's is), and a client certificate
 * ({@code healthcheck-client.crt}). Keys are RSA 2048 in PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
 * as kubeadm writes them. Made with the {@code openssl} command; certificates are valid for two
 * days. Test material only: the CA key sits next to the certificates.
 *
 * <pre>{@code
 * EtcdTls tls = EtcdTls.generate(dir.resolve("pki"));
 * EtcdCluster etcd = EtcdCluster.startTls(dir.resolve("etcd"), tls);
 * new Etcdctl().withTls(tls).put(etcd.clientEndpoints(), "/registry/a", "b");
 * }</pre>
 */
public record EtcdTls(Path caCert, Path caKey, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    /** Writes a new CA, server and client certificate with their keys into {@code dir} (created if needed). */
    public static EtcdTls generate(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        EtcdTls tls = new EtcdTls(dir.resolve("ca.crt"), dir.resolve("ca.key"), dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("healthcheck-client.crt"), dir.resolve("healthcheck-client.key"));
        Openssl.rsaKeyPkcs1(tls.caKey);
        Openssl.selfSignedCa(tls.caKey, "etcd-ca", tls.caCert);
        Openssl.rsaKeyPkcs1(tls.serverKey);
        Openssl.issue(tls.serverKey, Loopback.HOST, "subjectAltName=IP:" + Loopback.HOST + ",DNS:localhost\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\n", tls.caCert, tls.caKey, tls.serverCert);
        return tls.withClient(Openssl.rsaKeyPkcs1(tls.clientKey), "healthcheck-client");
    }

    /**
     * The same CA and server with another client certificate, whose key is EC P-256 in PKCS#8
     * ({@code BEGIN PRIVATE KEY}); written as {@code ec-client.crt/.key} next to the CA.
     */
    public EtcdTls withEcClient() {
        return withClient(Openssl.ecKeyPkcs8(caCert.resolveSibling("ec-client.key")), "ec-client");
    }

    /** etcdctl's {@code --cacert}, {@code --cert} and {@code --key} for this client. */
    public List<String> etcdctlFlags() {
        return List.of("--cacert=" + caCert, "--cert=" + clientCert, "--key=" + clientKey);
    }

    /** etcd serving clients over TLS and accepting only client certificates signed by the CA. */
    List<String> serverFlags() {
        return List.of("--cert-file", serverCert.toString(), "--key-file", serverKey.toString(),
                "--trusted-ca-file", caCert.toString(), "--client-cert-auth");
    }

    /**
     * For the harness's own HTTPS calls (etcd's /health needs a client certificate once
     * --client-cert-auth is on): trusts the CA, presents the client certificate. The JDK reads
     * no PKCS#1, so the key goes through {@code openssl pkey} first.
     */
    SSLContext clientSslContext() {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", certificates(caCert).get(0));
            store.setKeyEntry("client", pkcs8Key(Openssl.pkcs8Pem(clientKey)), password,
                    certificates(clientCert).toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // Messages of the JDK's key parsers name the problem, never the key bytes.
            throw new IllegalStateException("cannot build a TLS client from " + clientCert + " and " + clientKey
                    + " (CA " + caCert + "): " + e.getMessage(), e);
        }
    }

    private EtcdTls withClient(Path key, String name) {
        Path cert = key.resolveSibling(name + ".crt");
        Openssl.issue(key, "lifeboat-" + name, "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n",
                caCert, caKey, cert);
        return new EtcdTls(caCert, caKey, serverCert, serverKey, cert, key);
    }

    private static List<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        return List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
    }

    /** RSA or EC: the two kinds of key {@link #generate} and {@link #withEcClient} write. */
    private static PrivateKey pkcs8Key(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }
}
