package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TmpfsModeTest {

    @Test
    void parse_keywords() {
        assertThat(TmpfsMode.parse("off")).isEqualTo(new TmpfsMode.Off());
        assertThat(TmpfsMode.parse(" Require ")).isEqualTo(new TmpfsMode.Require());
    }

    @Test
    void parse_mountSizes_inBinaryUnits() {
        assertThat(TmpfsMode.parse("mount=512m")).isEqualTo(new TmpfsMode.Mount(512L << 20));
        assertThat(TmpfsMode.parse("mount=2G")).isEqualTo(new TmpfsMode.Mount(2L << 30));
        assertThat(TmpfsMode.parse("mount=2GiB")).isEqualTo(new TmpfsMode.Mount(2L << 30));
        assertThat(TmpfsMode.parse("mount=1048576")).isEqualTo(new TmpfsMode.Mount(1L << 20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "on", "mount", "mount=", "mount=10k", "mount=-1g", "mount=2x"})
    void parse_invalid_namesTheFlag(String text) {
        assertThatThrownBy(() -> TmpfsMode.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tmpfs must be off, require or mount=SIZE");
    }

    @Test
    void member_singleOrMany() {
        assertThat(RestoreOptions.Member.DEFAULT.isSingleMember()).isTrue();
        assertThat(RestoreOptions.Member.DEFAULT.effectiveName()).isEqualTo("default");
        assertThat(new RestoreOptions.Member("a", "a=http://x:2380", "", "").isSingleMember()).isTrue();
        assertThat(new RestoreOptions.Member("a", "a=http://x:2380,b=http://y:2380", "", "").isSingleMember()).isFalse();
    }
}
