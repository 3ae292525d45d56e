package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"ht!tp://:::nope", "127.0.0.1:24900", "http://127.0.0.1:24900 ", " http://h:1", "s3://bucket",
        "", "http://", "http://h:1/path", "http://user:pw@h:1", "http://h:1?x=1", "ftp://h:21", "http://h:99999",
        "localhost"})
    void parse_anythingButSchemeHostPort_isRefusedNamingTheSetting(String text) {
        assertThatThrownBy(() -> EndpointUrl.parse("lifeboat.s3.endpoint", text, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifeboat.s3.endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000", "https://s3.example.com", "http://minio:9000/", "HTTP://h:1"})
    void parse_absoluteHttpUrl_isAccepted(String text) {
        URI uri = EndpointUrl.parse("lifeboat.s3.endpoint", text, false);

        assertThat(uri.getScheme()).isIn("http", "https");
        assertThat(uri.getPath()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1", "https://etcd"})
    void parse_withoutPortWhereRequired_isRefused(String text) {
        assertThatThrownBy(() -> EndpointUrl.parse("lifeboat.etcd.endpoints", text, true))
                .hasMessageContaining("lifeboat.etcd.endpoints").hasMessageContaining("port");
    }
}
