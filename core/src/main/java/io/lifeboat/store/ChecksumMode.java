package io.lifeboat.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import io.lifeboat.snapshot.SnapshotDigest;

/**
 * The checksum lifeboat computes for each uploaded part and sends with it, so the store
 * rejects a part damaged on the way. {@link #NONE} is for S3-compatible stores that reject
 * checksum headers.
 *
 * <p>lifeboat computes the value itself and sends it as a plain header. The AWS SDK's own
 * automatic checksums are switched off (they use aws-chunked trailers that several
 * S3-compatible stores refuse).
 */
public enum ChecksumMode {
    CRC32C(ChecksumAlgorithm.CRC32_C),
    CRC32(ChecksumAlgorithm.CRC32),
    SHA256(ChecksumAlgorithm.SHA256),
    SHA1(ChecksumAlgorithm.SHA1),
    NONE(null);

    private final ChecksumAlgorithm algorithm;

    ChecksumMode(ChecksumAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    /** The S3 algorithm, or null for {@link #NONE}. */
    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    /** Parses a config value: crc32c, crc32, sha256, sha1, or none/off. */
    public static ChecksumMode parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase().replace("-", "").replace("_", "");
        if (t.equals("OFF")) {
            return NONE;
        }
        for (ChecksumMode mode : values()) {
            if (mode.name().equals(t)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown checksum '" + text + "' (use crc32c, crc32, sha256, sha1 or off)");
    }

    /** Base64 of the big-endian checksum, as S3's x-amz-checksum-* headers carry it; "" for NONE. */
    public String compute(byte[] data, int offset, int length) {
        return compute(ByteBuffer.wrap(data, offset, length));
    }

    /** As {@link #compute(byte[], int, int)}, of the buffer's remaining bytes; its position does not move. */
    public String compute(ByteBuffer data) {
        return switch (this) {
            case CRC32C -> crc(new CRC32C(), data);
            case CRC32 -> crc(new CRC32(), data);
            case SHA256 -> digest(SnapshotDigest.newSha256(), data);
            case SHA1 -> digest(sha1(), data);
            case NONE -> "";
        };
    }

    private static String crc(Checksum crc, ByteBuffer data) {
        crc.update(data.duplicate());
        long v = crc.getValue();
        byte[] be = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        return Base64.getEncoder().encodeToString(be);
    }

    private static String digest(MessageDigest md, ByteBuffer data) {
        md.update(data.duplicate());
        return Base64.getEncoder().encodeToString(md.digest());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}
