package io.lifeboat.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.testing.Openssl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the key files operators have, as the openssl command writes them at test time: kubeadm's
 * PKCS#1 RSA, PKCS#8 RSA and EC; and refusing what the JDK cannot read, naming the file and the
 * fix without ever echoing key material.
 */
class TlsKeysTest {

    @TempDir
    Path dir;

    @Test
    void privateKey_pkcs1Rsa_isTheSameKeyOpensslConvertsToPkcs8() throws IOException {
        Path pkcs1 = Openssl.rsaKeyPkcs1(dir.resolve("kubeadm.key"));
        Path pkcs8 = Openssl.toPkcs8(pkcs1, dir.resolve("kubeadm.pk8"));

        PrivateKey key = TlsKeys.privateKey(pkcs1);

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(pemBody(pkcs8));
    }

    @Test
    void privateKey_pkcs8Rsa_isReadAsRsa() throws IOException {
        Path file = Openssl.rsaKeyPkcs8(dir.resolve("rsa.key"));

        PrivateKey key = TlsKeys.privateKey(file);

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(pemBody(file));
    }

    @Test
    void privateKey_pkcs8Ec_isReadAsEc() throws IOException {
        Path file = Openssl.ecKeyPkcs8(dir.resolve("ec.key"));

        PrivateKey key = TlsKeys.privateKey(file);

        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(key.getEncoded()).isEqualTo(pemBody(file));
    }

    @Test
    void privateKey_sec1Ec_isRefusedWithTheOpensslConversionHintAndNoKeyMaterial() throws IOException {
        Path file = Openssl.ecKeySec1(dir.resolve("sec1.key"), false);
        List<String> body = Files.readAllLines(file).subList(1, 3);

        assertThatThrownBy(() -> TlsKeys.privateKey(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("lifeboat.etcd.key " + file)
                .hasMessageContaining("'EC PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                .hasMessageNotContaining(body.get(0))
                .hasMessageNotContaining(body.get(1));
    }

    @Test
    void privateKey_sec1EcAfterEcParameters_isRefusedNamingTheKeyBlock() {
        // What `openssl ecparam -genkey` writes without -noout: the parameters block comes first.
        Path file = Openssl.ecKeySec1(dir.resolve("sec1-with-params.key"), true);

        assertThatThrownBy(() -> TlsKeys.privateKey(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'EC PRIVATE KEY'")
                .hasMessageNotContaining("EC PARAMETERS")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void privateKey_notPem_isRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("garbage.key"), "not a key at all\n");

        assertThatThrownBy(() -> TlsKeys.privateKey(file))
                .isInstanceOf(IOException.class)
                .hasMessage("lifeboat.etcd.key " + file + " holds no PEM block");
    }

    @Test
    void privateKey_pemBlockThatIsNoKey_isRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.key"),
                "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsKeys.privateKey(file))
                .isInstanceOf(IOException.class)
                .hasMessage("lifeboat.etcd.key " + file + " is not a readable private key");
    }

    @Test
    void privateKey_truncatedBase64_isRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("truncated.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsKeys.privateKey(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("lifeboat.etcd.key " + file + " ");
    }

    @Test
    void certificates_keyFileInsteadOfCertificate_isRefusedNamingTheKeyAndFile() {
        Path file = Openssl.ecKeyPkcs8(dir.resolve("swapped.crt"));

        assertThatThrownBy(() -> TlsKeys.certificates("lifeboat.etcd.cert", file))
                .isInstanceOf(IOException.class)
                .hasMessage("lifeboat.etcd.cert " + file + " is not a PEM certificate");
    }

    @Test
    void certificates_emptyFile_isRefusedNamingTheKeyAndFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.crt"));

        assertThatThrownBy(() -> TlsKeys.certificates("lifeboat.etcd.cert", file))
                .isInstanceOf(IOException.class)
                .hasMessage("lifeboat.etcd.cert " + file + " holds no certificate");
    }

    /** The DER inside a one-block PEM file, decoded by the JDK alone. */
    private static byte[] pemBody(Path file) throws IOException {
        String pem = Files.readString(file);
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
    }
}
