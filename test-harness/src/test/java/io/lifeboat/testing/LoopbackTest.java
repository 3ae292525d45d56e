package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void address_endpointList_usesFirstLoopbackEndpoint() {
        assertThat(Loopback.address("http://127.0.0.1:2379,http://127.0.0.1:2479").getPort())
                .isEqualTo(2379);
    }

    @Test
    void address_remoteHost_isRefused() {
        assertThatThrownBy(() -> Loopback.address("http://10.0.0.5:2379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.5");
    }

    @Test
    void requireAll_oneRemoteEndpointInList_isRefused() {
        assertThatThrownBy(() -> Loopback.requireAll("http://127.0.0.1:2379,http://etcd.example:2379"))
                .hasMessageContaining("etcd.example");
    }

    @Test
    void address_noPort_isRefused() {
        assertThatThrownBy(() -> Loopback.address("http://127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freePort_calledTwice_neverHandsOutTheSamePort() {
        assertThat(Loopback.freePort()).isNotEqualTo(Loopback.freePort());
    }
}
