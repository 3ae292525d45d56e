package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EtcdctlStatusTest {

    @Test
    void parse_etcdctl34Json_readsAllFields() {
        EtcdctlStatus status = EtcdctlStatus.parse(
                "{\"hash\":3816157046,\"revision\":12345,\"totalKey\":678,\"totalSize\":20480}\n");

        assertThat(status).isEqualTo(new EtcdctlStatus(3816157046L, 12345, 678, 20480));
    }

    @Test
    void parse_etcdutl35JsonWithVersion_ignoresVersion() {
        EtcdctlStatus status = EtcdctlStatus.parse(
                "{\"hash\":1,\"revision\":2,\"totalKey\":3,\"totalSize\":4,\"version\":\"3.5.0\"}");

        assertThat(status).isEqualTo(new EtcdctlStatus(1, 2, 3, 4));
    }

    @Test
    void parse_missingRevision_isRefusedWithTheOutput() {
        assertThatThrownBy(() -> EtcdctlStatus.parse("{\"hash\":1,\"totalKey\":3,\"totalSize\":4}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision")
                .hasMessageContaining("totalKey");
    }
}
