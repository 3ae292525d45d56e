package io.lifeboat.snapshot;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.function.Consumer;

/**
 * Checks the bytes of a snapshot file as {@code etcdctl snapshot save} writes it (the bbolt db
 * followed by etcd's 32-byte SHA-256 of the db), fed in chunks of any size, and hands on the
 * db bytes without the trailer.
 *
 * <p>The file counterpart of {@link SnapshotDigest}, which reads etcd's message stream: a file
 * has no message boundaries, so the last {@value SnapshotDigest#SHA256_BYTES} bytes seen are
 * held back until the next chunk proves they are not the trailer. Not thread-safe: one
 * instance per file, fed serially.
 */
public final class SnapshotFileDigest {

    private final MessageDigest sha256 = SnapshotDigest.newSha256();
    private final ByteBuffer tail = ByteBuffer.allocate(SnapshotDigest.SHA256_BYTES);
    private long dbBytes;
    private String dbDigest;

    /**
     * Takes the next bytes of the file and passes those now known to be db bytes to
     * {@code db}, in order (zero, one or two buffers; views, valid during the call only).
     */
    public void accept(ByteBuffer chunk, Consumer<ByteBuffer> db) {
        if (dbDigest != null) {
            throw new IllegalStateException("snapshot file already verified");
        }
        ByteBuffer data = chunk.duplicate();
        int held = tail.position();
        if (held + data.remaining() <= tail.capacity()) {
            tail.put(data);
            return;
        }
        if (data.remaining() >= tail.capacity()) {
            // Everything held is db; so is all of this chunk but its last 32 bytes.
            tail.flip();
            pass(tail, db);
            ByteBuffer head = data.slice(data.position(), data.remaining() - tail.capacity());
            pass(head, db);
            tail.clear();
            tail.put(data.position(data.limit() - tail.capacity()));
            return;
        }
        // A short chunk: the oldest held bytes are pushed out as db bytes.
        int pushed = held + data.remaining() - tail.capacity();
        tail.flip();
        pass(tail.slice(0, pushed), db);
        tail.position(pushed).compact();
        tail.put(data);
    }

    /**
     * Compares the SHA-256 of the db bytes with the trailer.
     *
     * @return the SHA-256 of the db bytes, lowercase hex
     * @throws SnapshotIntegrityException if the file is shorter than a trailer or the digests differ
     */
    public String verify() {
        if (dbDigest != null) {
            return dbDigest;
        }
        if (tail.position() < tail.capacity()) {
            throw new SnapshotIntegrityException("the snapshot has only " + tail.position()
                    + " bytes: too short to hold etcd's " + SnapshotDigest.SHA256_BYTES + "-byte SHA-256 trailer");
        }
        byte[] digest = sha256.digest();
        byte[] trailer = tail.array().clone();
        if (!MessageDigest.isEqual(digest, trailer)) {
            throw new SnapshotIntegrityException("SHA-256 of the " + dbBytes + " db bytes is "
                    + SnapshotDigest.hex(digest) + " but the snapshot's trailer says " + SnapshotDigest.hex(trailer));
        }
        dbDigest = SnapshotDigest.hex(digest);
        return dbDigest;
    }

    /** Db bytes passed on so far (the trailer excluded). */
    public long dbBytes() {
        return dbBytes;
    }

    private void pass(ByteBuffer bytes, Consumer<ByteBuffer> db) {
        if (!bytes.hasRemaining()) {
            return;
        }
        dbBytes += bytes.remaining();
        sha256.update(bytes.duplicate());
        db.accept(bytes);
    }
}
