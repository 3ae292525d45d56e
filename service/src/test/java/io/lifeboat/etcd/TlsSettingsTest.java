package io.lifeboat.etcd;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.testing.Openssl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS files that cannot be used fail when {@link EtcdChannels} is built, which is at start-up
 * (EtcdFactory; the service initialises its singletons eagerly), naming the config key and the
 * file. Nothing here reaches a network: channels are only opened by a backup.
 */
class TlsSettingsTest {

    private static final List<String> HTTPS = List.of("https://127.0.0.1:2379");

    @TempDir
    Path dir;

    private Path caKey;
    private Path caCert;

    @BeforeEach
    void makeCa() {
        caKey = Openssl.ecKeyPkcs8(dir.resolve("ca.key"));
        caCert = Openssl.selfSignedCa(caKey, "test-ca", dir.resolve("ca.crt"));
    }

    @Test
    void channels_readableTlsFiles_build() {
        // The CA's own certificate and key stand in for a client pair: only reading is tested here.
        assertThatCode(() -> new EtcdChannels(config(caCert, caCert, caKey)).close()).doesNotThrowAnyException();
    }

    @Test
    void channels_missingKeyFile_failNamingLifeboatEtcdAndTheFile() {
        Path missing = dir.resolve("healthcheck-client.key");

        assertThatThrownBy(() -> new EtcdChannels(config(caCert, caCert, missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.etcd")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void channels_sec1EcKey_failAtStartupWithTheOpensslConversionHint() {
        Path sec1 = Openssl.ecKeySec1(dir.resolve("sec1.key"), false);

        assertThatThrownBy(() -> new EtcdChannels(config(caCert, caCert, sec1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.etcd.key " + sec1)
                .hasMessageContaining("'EC PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void channels_cacertThatIsAKey_failNamingCacert() {
        assertThatThrownBy(() -> new EtcdChannels(config(caKey, caCert, caKey)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.etcd.cacert " + caKey + " is not a PEM certificate");
    }

    private static EtcdConfig config(Path cacert, Path cert, Path key) {
        return new EtcdConfig(HTTPS, cacert, cert, key, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
