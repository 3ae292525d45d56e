package io.lifeboat.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotFileDigestTest {

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 7, 31, 32, 33, 64, 1000, 100_000})
    void accept_anyChunking_passesExactlyTheDbBytesAndVerifiesTheTrailer(int chunk) {
        byte[] db = random(10_000 + chunk, chunk);
        byte[] file = withTrailer(db);
        SnapshotFileDigest digest = new SnapshotFileDigest();
        ByteArrayOutputStream passed = new ByteArrayOutputStream();

        for (int i = 0; i < file.length; i += chunk) {
            digest.accept(ByteBuffer.wrap(file, i, Math.min(chunk, file.length - i)), b -> {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                passed.writeBytes(bytes);
            });
        }

        assertThat(digest.verify()).isEqualTo(SnapshotDigest.hex(SnapshotDigest.newSha256().digest(db)));
        assertThat(passed.toByteArray()).isEqualTo(db);
        assertThat(digest.dbBytes()).isEqualTo(db.length);
    }

    @Test
    void verify_flippedDbByte_failsNamingBothDigests() {
        byte[] file = withTrailer(random(5000, 1));
        file[100] ^= 1;
        SnapshotFileDigest digest = new SnapshotFileDigest();
        digest.accept(ByteBuffer.wrap(file), b -> { });

        assertThatThrownBy(digest::verify).isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("SHA-256 of the 5000 db bytes is").hasMessageContaining("trailer says");
    }

    @Test
    void verify_fileWithoutTrailer_fails() {
        byte[] db = random(5000, 2);
        SnapshotFileDigest digest = new SnapshotFileDigest();
        digest.accept(ByteBuffer.wrap(db), b -> { });

        assertThatThrownBy(digest::verify).isInstanceOf(SnapshotIntegrityException.class);
    }

    @Test
    void verify_shorterThanATrailer_failsAsTooShort() {
        SnapshotFileDigest digest = new SnapshotFileDigest();
        digest.accept(ByteBuffer.wrap(new byte[20]), b -> { });

        assertThatThrownBy(digest::verify).hasMessageContaining("only 20 bytes");
    }

    private static byte[] withTrailer(byte[] db) {
        byte[] file = Arrays.copyOf(db, db.length + 32);
        System.arraycopy(SnapshotDigest.newSha256().digest(db), 0, file, db.length, 32);
        return file;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
