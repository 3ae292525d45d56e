package io.lifeboat.bbolt;

import java.nio.ByteBuffer;

/**
 * Chooses the meta page to read a database from, given its first bytes (the "head"),
 * the way bbolt's {@code DB.meta()} and {@code getPageSize()} do
 * (<a href="https://github.com/etcd-io/bbolt/blob/main/db.go">db.go</a>): of the valid
 * metas the one with the higher txid; the page size from meta 0, or, if meta 0 is
 * damaged, from a valid meta 1 found by probing the offsets a page size can have.
 *
 * <p>Shared by the stream indexer (which buffers the head as it arrives) and the file
 * reader (which reads it): both first ask {@link #bytesWanted} how much head to gather.
 */
final class MetaPair {

  /** Probed positions of meta page 1 when meta 0 is unreadable: 1 KiB .. 64 KiB. */
  private static final int MIN_PROBE = 1024;
  private static final int MAX_PROBE = 64 * 1024;

  private MetaPair() {}

  /**
   * How many head bytes {@link #select} needs to decide, given the {@code length} bytes
   * gathered so far; a result {@code <= length} means "enough".
   */
  static int bytesWanted(ByteBuffer head, int length) {
    if (length < Meta.META_END) {
      return Meta.META_END;
    }
    Meta meta0 = tryDecode(head, 0, "meta page 0");
    if (meta0 != null) {
      return meta0.pageSize() + Meta.META_END;
    }
    for (int at = MIN_PROBE; at <= MAX_PROBE; at <<= 1) {
      if (length < at + Meta.META_END) {
        return at + Meta.META_END;
      }
      if (probe(head, at) != null) {
        return length;
      }
    }
    return length;
  }

  /**
   * The meta to use, from the {@code length} head bytes available (all of the input if
   * that is less than {@link #bytesWanted}).
   *
   * @throws BboltFormatException if neither meta page is valid, saying why each is not
   */
  static Meta select(ByteBuffer head, int length) {
    if (length < Meta.META_END) {
      throw new BboltFormatException("input ends after " + length
          + " bytes, inside meta page 0 (needs " + Meta.META_END + ")");
    }
    String problem0;
    try {
      Meta meta0 = Meta.decode(head, 0, "meta page 0 at offset 0");
      int at = meta0.pageSize();
      Meta meta1 = length >= at + Meta.META_END ? tryDecode(head, at, "meta page 1") : null;
      return meta1 != null && meta1.txid() > meta0.txid() ? meta1 : meta0;
    } catch (BboltFormatException e) {
      problem0 = e.getMessage();
    }
    for (int at = MIN_PROBE; at <= MAX_PROBE && length >= at + Meta.META_END; at <<= 1) {
      Meta meta1 = probe(head, at);
      if (meta1 != null) {
        return meta1;
      }
    }
    throw new BboltFormatException("no valid bbolt meta page: " + problem0 + "; "
        + meta1Problem(head, length));
  }

  private static String meta1Problem(ByteBuffer head, int length) {
    int hint = Meta.rawPageSize(head, 0);
    int at = Integer.bitCount(hint) == 1 && hint >= MIN_PROBE && hint <= MAX_PROBE ? hint : 4096;
    String detail = length >= at + Meta.META_END
        ? tryProblem(head, at)
        : "input ends after " + length + " bytes";
    return "no valid meta page 1 at offsets " + MIN_PROBE + ".." + MAX_PROBE + " (" + detail + ")";
  }

  /** A valid meta at {@code at} whose page size says it is meta page 1, else null. */
  private static Meta probe(ByteBuffer head, int at) {
    Meta meta = tryDecode(head, at, "meta page 1");
    return meta != null && meta.pageSize() == at ? meta : null;
  }

  private static Meta tryDecode(ByteBuffer head, int at, String what) {
    try {
      return Meta.decode(head, at, what);
    } catch (BboltFormatException e) {
      return null;
    }
  }

  private static String tryProblem(ByteBuffer head, int at) {
    try {
      Meta meta = Meta.decode(head, at, "meta page 1 at offset " + at);
      return "meta page 1 at offset " + at + " says page size " + meta.pageSize();
    } catch (BboltFormatException e) {
      return e.getMessage();
    }
  }
}
