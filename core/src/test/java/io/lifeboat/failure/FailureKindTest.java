package io.lifeboat.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.catalog.SnapshotNotFoundException;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import io.lifeboat.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

    @Test
    void of_wrappedLifeboatException_takesTheNearestClassifiedCause() {
        RuntimeException wrapped = new RuntimeException("reactor wrapper",
                new StoreException("cannot read k in s3://b", new IOException("reset")));

        assertThat(FailureKind.of(wrapped)).isEqualTo(FailureKind.STORE_UNAVAILABLE);
    }

    @Test
    void of_plainExceptions_mapByType() {
        assertThat(FailureKind.of(new IllegalArgumentException("lifeboat.x"))).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(FailureKind.of(new UncheckedIOException(new IOException("disk full"))))
                .isEqualTo(FailureKind.TARGET_REFUSED);
        assertThat(FailureKind.of(new CancellationException())).isEqualTo(FailureKind.INTERRUPTED);
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(FailureKind.of(new SnapshotNotFoundException("none"))).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(FailureKind.of(new SnapshotIntegrityException("bad"))).isEqualTo(FailureKind.INTEGRITY);
    }

    @Test
    void exitCodes_areDistinctAndStable() {
        assertThat(Arrays.stream(FailureKind.values()).mapToInt(FailureKind::exitCode).distinct().count())
                .isEqualTo(FailureKind.values().length);
        assertThat(FailureKind.UNEXPECTED.exitCode()).isEqualTo(1);
        assertThat(FailureKind.CONFIGURATION.exitCode()).isEqualTo(2);
        assertThat(FailureKind.NOT_FOUND.exitCode()).isEqualTo(3);
        assertThat(FailureKind.INTEGRITY.exitCode()).isEqualTo(4);
        assertThat(FailureKind.STORE_UNAVAILABLE.exitCode()).isEqualTo(5);
        assertThat(FailureKind.TARGET_REFUSED.exitCode()).isEqualTo(6);
        assertThat(FailureKind.ETCD_TOOL.exitCode()).isEqualTo(7);
        assertThat(FailureKind.ETCD_UNAVAILABLE.exitCode()).isEqualTo(8);
        assertThat(FailureKind.BUSY.exitCode()).isEqualTo(9);
        assertThat(FailureKind.TIMEOUT.exitCode()).isEqualTo(10);
        assertThat(FailureKind.INTERRUPTED.exitCode()).isEqualTo(130);
    }
}
