package io.lifeboat.restore;

import io.lifeboat.snapshot.SnapshotDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * The snapshot file a restore stages for etcd's tool, written as the download verifies it:
 * the db bytes, then etcd's 32-byte SHA-256 trailer, i.e. exactly what
 * {@code etcdctl snapshot save} writes. Deleted unless the download verified completely.
 * Used from one thread at a time (the download's io stage).
 */
final class StagedSnapshotFile {

    private final Path file;
    private final FileChannel channel;
    private boolean kept;

    StagedSnapshotFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    void write(ByteBuffer db) {
        try {
            ByteBuffer view = db.duplicate();
            while (view.hasRemaining()) {
                channel.write(view);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the trailer (the verified digest of the db) and closes the file, which is then kept. */
    void finish(String dbSha256Hex) {
        byte[] trailer = HexFormat.of().parseHex(dbSha256Hex);
        if (trailer.length != SnapshotDigest.SHA256_BYTES) {
            throw new IllegalArgumentException("not a SHA-256: " + dbSha256Hex);
        }
        write(ByteBuffer.wrap(trailer));
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kept = true;
    }

    void close() {
        if (!kept) {
            discard();
        }
    }

    void discard() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
