package io.lifeboat.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Streams here are framed exactly as etcd frames them (server/etcdserver/api/v3rpc/maintenance.go,
 * {@code Snapshot}): each data message carries {@code RemainingBytes = total - sent}, counted
 * after that message, so the last data message says 0; then one more message, also with 0,
 * whose blob is the SHA-256 of the db bytes.
 */
class SnapshotDigestTest {

    private static final int ETCD_MESSAGE = 32 * 1024;
    private static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void verify_streamFramedAsEtcdSendsIt_returnsTheHexSha256OfTheDbBytes() {
        byte[] db = randomDb(200_000);
        SnapshotDigest digest = new SnapshotDigest();

        etcdStream(db, sha256(db)).forEach(digest::accept);

        assertThat(digest.verify()).isEqualTo(HexFormat.of().formatHex(sha256(db)));
        assertThat(digest.dbBytes()).isEqualTo(db.length);
    }

    // A fresh etcd db is 4 pages of 4 KiB: one data message, RemainingBytes 0, then the digest.
    @Test
    void verify_dbInOneMessage_returnsItsSha256() {
        byte[] db = randomDb(16 * 1024);
        SnapshotDigest digest = new SnapshotDigest();

        etcdStream(db, sha256(db)).forEach(digest::accept);

        assertThat(digest.verify()).isEqualTo(HexFormat.of().formatHex(sha256(db)));
    }

    @Test
    void verify_knownInput_returnsTheKnownDigest() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        SnapshotDigest digest = new SnapshotDigest();

        etcdStream(abc, sha256(abc)).forEach(digest::accept);

        assertThat(digest.verify()).isEqualTo(SHA256_OF_ABC).isEqualTo(digest.verify());
    }

    @Test
    void verify_streamCutMidway_throwsSayingItIsTruncated() {
        byte[] db = randomDb(100_000);
        SnapshotDigest digest = new SnapshotDigest();

        etcdStream(db, sha256(db)).subList(0, 2).forEach(digest::accept);

        assertThatThrownBy(digest::verify)
                .isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("ended after " + 2 * ETCD_MESSAGE + " db bytes without etcd's SHA-256 trailer")
                .hasMessageContaining("truncated");
    }

    @Test
    void verify_allDataButNoTrailer_throwsSayingItIsTruncated() {
        byte[] db = randomDb(100_000);
        List<SnapshotChunk> stream = etcdStream(db, sha256(db));
        SnapshotDigest digest = new SnapshotDigest();

        assertThatThrownBy(() -> {
            stream.subList(0, stream.size() - 1).forEach(digest::accept);
            digest.verify();
        })
                .isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("without etcd's SHA-256 trailer")
                .hasMessageContaining("truncated");
    }

    @Test
    void accept_shortTrailer_throwsNamingItsLength() {
        byte[] db = randomDb(50_000);
        SnapshotDigest digest = new SnapshotDigest();

        assertThatThrownBy(() -> etcdStream(db, new byte[31]).forEach(digest::accept))
                .isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("trailer has 31 bytes, expected a 32-byte SHA-256");
    }

    @Test
    void verify_wrongDigest_throwsShowingBothDigests() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] wrong = sha256(abc);
        wrong[0] ^= 1;
        SnapshotDigest digest = new SnapshotDigest();

        assertThatThrownBy(() -> {
            etcdStream(abc, wrong).forEach(digest::accept);
            digest.verify();
        })
                .isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("SHA-256 of the 3 db bytes is " + SHA256_OF_ABC)
                .hasMessageContaining("but etcd's trailer says " + HexFormat.of().formatHex(wrong));
    }

    @Test
    void accept_dataAfterTrailer_throws() {
        byte[] db = randomDb(40_000);
        List<SnapshotChunk> stream = new ArrayList<>(etcdStream(db, sha256(db)));
        stream.add(new SnapshotChunk(ByteBuffer.wrap(new byte[1]), 0));
        SnapshotDigest digest = new SnapshotDigest();

        assertThatThrownBy(() -> stream.forEach(digest::accept))
                .isInstanceOf(SnapshotIntegrityException.class)
                .hasMessageContaining("data after the snapshot's SHA-256 trailer");
    }

    @Test
    void accept_dataMessage_doesNotMoveTheBufferPosition() {
        ByteBuffer data = ByteBuffer.wrap(new byte[20], 5, 10);
        SnapshotDigest digest = new SnapshotDigest();

        digest.accept(new SnapshotChunk(data, 1000));

        assertThat(data.position()).isEqualTo(5);
        assertThat(data.limit()).isEqualTo(15);
        assertThat(digest.dbBytes()).isEqualTo(10);
    }

    @Test
    void accept_wholeStream_leavesEveryBufferPositionUnchanged() {
        byte[] db = randomDb(70_000);
        List<SnapshotChunk> stream = etcdStream(db, sha256(db));
        SnapshotDigest digest = new SnapshotDigest();

        stream.forEach(digest::accept);

        assertThat(stream).allSatisfy(chunk -> assertThat(chunk.data().position()).isZero());
        assertThat(digest.verify()).isEqualTo(HexFormat.of().formatHex(sha256(db)));
    }

    /** The messages etcd sends for {@code db}: 32 KiB blobs, then {@code trailer}. */
    private static List<SnapshotChunk> etcdStream(byte[] db, byte[] trailer) {
        List<SnapshotChunk> chunks = new ArrayList<>();
        long sent = 0;
        while (db.length - sent > 0) {
            int n = (int) Math.min(ETCD_MESSAGE, db.length - sent);
            ByteBuffer blob = ByteBuffer.wrap(db, (int) sent, n).slice();
            sent += n;
            chunks.add(new SnapshotChunk(blob, db.length - sent));
        }
        chunks.add(new SnapshotChunk(ByteBuffer.wrap(trailer), 0));
        return chunks;
    }

    private static byte[] randomDb(int length) {
        byte[] db = new byte[length];
        new SplittableRandom(length).nextBytes(db);
        return db;
    }

    private static byte[] sha256(byte[] bytes) {
        return SnapshotDigest.newSha256().digest(bytes);
    }
}
