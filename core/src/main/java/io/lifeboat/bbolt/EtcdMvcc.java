package io.lifeboat.bbolt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What etcd's mvcc store puts in bbolt bucket {@code key}, as far as snapshot status needs.
 *
 * <p>Keys are revisions: 8-byte big-endian main revision, {@code '_'}, 8-byte big-endian
 * sub revision, and an optional {@code 't'} marking a tombstone (a delete), see etcd's
 * <a href="https://github.com/etcd-io/etcd/blob/main/server/storage/mvcc/revision.go">revision.go</a>.
 * Values are protobuf {@code mvccpb.KeyValue} messages whose field 1 is the user's key
 * (<a href="https://github.com/etcd-io/etcd/blob/main/api/mvccpb/kv.proto">kv.proto</a>).
 * Buffers are little-endian (see {@link PageLayout}); revisions are read big-endian here.
 */
final class EtcdMvcc {

  static final int REVISION_SIZE = 17;
  static final int MARKED_REVISION_SIZE = 18;
  private static final byte SEPARATOR = '_';
  private static final byte TOMBSTONE = 't';

  private EtcdMvcc() {}

  /** Whether the {@code length} bytes at {@code at} name bbolt bucket {@code key}. */
  static boolean isKeyBucket(ByteBuffer b, int at, int length) {
    return length == 3 && b.get(at) == 'k' && b.get(at + 1) == 'e' && b.get(at + 2) == 'y';
  }

  /** Whether the bytes are a revision as etcd 3.6's {@code BytesToBucketKey} accepts it. */
  static boolean isRevision(ByteBuffer b, int at, int length) {
    return (length == REVISION_SIZE || length == MARKED_REVISION_SIZE) && b.get(at + 8) == SEPARATOR;
  }

  /** The main revision of a revision key (caller checked {@link #isRevision}). */
  static long mainRevision(ByteBuffer b, int at) {
    return Long.reverseBytes(b.getLong(at));
  }

  static boolean isTombstone(ByteBuffer b, int at, int length) {
    return length == MARKED_REVISION_SIZE && b.get(at + REVISION_SIZE) == TOMBSTONE;
  }

  /**
   * The user key of an {@code mvccpb.KeyValue} message, as a Latin-1 string (one char per
   * byte: a compact, exact set element, like Go's {@code string(kv.Key)}). Unknown fields
   * are skipped; if field 1 repeats the last one wins, as in protobuf.
   *
   * @throws BboltFormatException if the message is not well-formed protobuf
   */
  static String userKey(ByteBuffer b, int at, int length) {
    Protobuf in = new Protobuf(b, at, at + length);
    int keyAt = at;
    int keyLength = 0;
    while (in.p < in.end) {
      long tag = in.varint();
      switch ((int) tag & 7) {
        case 0 -> in.varint();
        case 1 -> in.skip(8);
        case 5 -> in.skip(4);
        case 2 -> {
          long n = in.varint();
          int from = in.p;
          in.skip(n);
          if (tag >>> 3 == 1) {
            keyAt = from;
            keyLength = (int) n;
          }
        }
        default -> throw in.malformed();
      }
    }
    byte[] key = new byte[keyLength];
    b.get(keyAt, key);
    return new String(key, StandardCharsets.ISO_8859_1);
  }

  /** A read position in one protobuf message. */
  private static final class Protobuf {
    private final ByteBuffer b;
    private final int start;
    private final int end;
    private int p;

    Protobuf(ByteBuffer b, int start, int end) {
      this.b = b;
      this.start = start;
      this.end = end;
      this.p = start;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64 && p < end; shift += 7) {
        byte x = b.get(p++);
        value |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return value;
        }
      }
      throw malformed();
    }

    void skip(long n) {
      if (n < 0 || n > end - p) {
        throw malformed();
      }
      p += (int) n;
    }

    BboltFormatException malformed() {
      return new BboltFormatException("a bucket `key` value of " + (end - start)
          + " bytes is not an mvccpb.KeyValue message (bad protobuf at byte " + (p - start) + ")");
    }
  }
}
