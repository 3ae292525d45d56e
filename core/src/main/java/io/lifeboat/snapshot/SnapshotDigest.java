package io.lifeboat.snapshot;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks a snapshot stream against the SHA-256 etcd appends to it, and tells db messages
 * from that trailer.
 *
 * <p>Feed every message in order with {@link #accept}; call {@link #verify()} when the
 * stream completes. The data messages' {@code remaining_bytes} must count down by each
 * message's size to 0; the one message after that is the 32-byte trailer. A stream with no
 * trailer, a trailer that is not 32 bytes, bytes after the trailer, a count that skips
 * (a lost message) or a digest that differs fails with {@link SnapshotIntegrityException}.
 * Not thread-safe: one instance per stream, fed serially (a Reactor chain guarantees that).
 */
public final class SnapshotDigest {

    public static final int SHA256_BYTES = 32;

    private final MessageDigest sha256 = newSha256();
    private long dbBytes;
    private long expectedRemaining = -1;
    private boolean dataDone;
    private byte[] trailer;
    private byte[] dbDigest;

    /**
     * @return true if the message carried db bytes, false if it was etcd's digest trailer
     */
    public boolean accept(SnapshotChunk chunk) {
        if (trailer != null) {
            throw new SnapshotIntegrityException("etcd sent data after the snapshot's SHA-256 trailer");
        }
        ByteBuffer data = chunk.data().duplicate();
        if (dataDone) {
            if (data.remaining() != SHA256_BYTES) {
                throw new SnapshotIntegrityException("etcd's snapshot trailer has " + data.remaining()
                        + " bytes, expected a " + SHA256_BYTES + "-byte SHA-256");
            }
            trailer = new byte[SHA256_BYTES];
            data.get(trailer);
            return false;
        }
        if (expectedRemaining >= 0 && chunk.remainingBytes() != expectedRemaining - data.remaining()) {
            throw new SnapshotIntegrityException("etcd's snapshot stream skipped bytes: after " + dbBytes
                    + " bytes " + expectedRemaining + " were to come, then a message of " + data.remaining()
                    + " bytes said " + chunk.remainingBytes() + " remain");
        }
        expectedRemaining = chunk.remainingBytes();
        dataDone = chunk.remainingBytes() == 0;
        dbBytes += data.remaining();
        sha256.update(data);
        return true;
    }

    /**
     * Compares the digest of the db bytes with etcd's trailer.
     *
     * @return the SHA-256 of the db bytes, lowercase hex
     */
    public String verify() {
        if (trailer == null) {
            throw new SnapshotIntegrityException("the snapshot stream ended after " + dbBytes
                    + " db bytes without etcd's SHA-256 trailer: it is truncated");
        }
        if (dbDigest == null) {
            dbDigest = sha256.digest();
        }
        if (!MessageDigest.isEqual(dbDigest, trailer)) {
            throw new SnapshotIntegrityException("SHA-256 of the " + dbBytes + " db bytes is "
                    + hex(dbDigest) + " but etcd's trailer says " + hex(trailer));
        }
        return hex(dbDigest);
    }

    /** Db bytes seen so far (the trailer excluded). */
    public long dbBytes() {
        return dbBytes;
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
