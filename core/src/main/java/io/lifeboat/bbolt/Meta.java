package io.lifeboat.bbolt;

import java.nio.ByteBuffer;

/**
 * One decoded, validated bbolt meta page (pages 0 and 1 of the file).
 *
 * <p>Layout after the page header, per bbolt's
 * <a href="https://github.com/etcd-io/bbolt/blob/main/internal/common/meta.go">meta.go</a>:
 * magic u32, version u32, pageSize u32, flags u32, root bucket {pgid u64, sequence u64},
 * freelist pgid u64, high-water pgid u64, txid u64, then a FNV-1a 64 checksum of
 * everything before it. {@link #txSizeBytes()} is bbolt's {@code Tx.Size()}: what
 * {@code Tx.WriteTo} (etcd's snapshot stream) sends, and etcd's {@code totalSize}.
 *
 * @param pageSize page size in bytes
 * @param rootPgid root page of the root bucket (whose keys are the top-level buckets)
 * @param highWaterPgid first page id past the end of the database
 * @param txid transaction id; of two valid metas the higher wins
 */
record Meta(int pageSize, long rootPgid, long highWaterPgid, long txid) {

  static final int MAGIC = 0xED0CDAED;
  static final int VERSION = 2;
  /** The meta struct starts after the page header and ends with its 8-byte checksum. */
  static final int META_START = PageLayout.HEADER_SIZE;
  static final int CHECKSUMMED_LENGTH = 56;
  /** Bytes of a meta page that must be present to decode it. */
  static final int META_END = META_START + CHECKSUMMED_LENGTH + 8;
  /** Largest page size accepted: bbolt itself probes for page sizes up to 16 MiB. */
  static final int MAX_PAGE_SIZE = 16 << 20;

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  long txSizeBytes() {
    return highWaterPgid * pageSize;
  }

  /**
   * Decodes the meta page that starts at buffer index {@code page} (little-endian buffer,
   * at least {@link #META_END} bytes from there).
   *
   * @param what names the page in messages, e.g. "meta page 0 at offset 0"
   * @throws BboltFormatException for bad magic, version, checksum or implausible fields
   */
  static Meta decode(ByteBuffer b, int page, String what) {
    int m = page + META_START;
    int magic = b.getInt(m);
    if (magic == Integer.reverseBytes(MAGIC)) {
      throw new BboltFormatException(what + ": written by a big-endian host (s390x?);"
          + " only little-endian bbolt files are supported");
    }
    if (magic != MAGIC) {
      throw new BboltFormatException(String.format(
          "%s: bad magic 0x%08x (a bbolt meta page has 0x%08x)", what, magic, MAGIC));
    }
    int version = b.getInt(m + 4);
    if (version != VERSION) {
      throw new BboltFormatException(what + ": unsupported bbolt version " + version);
    }
    long stored = b.getLong(m + CHECKSUMMED_LENGTH);
    long computed = fnv1a64(b, m, CHECKSUMMED_LENGTH);
    if (stored != computed) {
      throw new BboltFormatException(String.format(
          "%s: checksum mismatch (stored 0x%016x, computed 0x%016x)", what, stored, computed));
    }
    int pageSize = b.getInt(m + 8);
    long root = b.getLong(m + 16);
    long highWater = b.getLong(m + 40);
    long txid = b.getLong(m + 48);
    if (pageSize < META_END || pageSize > MAX_PAGE_SIZE) {
      throw new BboltFormatException(what + ": implausible page size " + pageSize);
    }
    if (highWater < 3 || highWater > Long.MAX_VALUE / pageSize || root < 2 || root >= highWater) {
      throw new BboltFormatException(what + ": root page " + root
          + " outside the database of " + highWater + " pages");
    }
    return new Meta(pageSize, root, highWater, txid);
  }

  /** The page size field, unvalidated: a hint for where meta page 1 is when page 0 is bad. */
  static int rawPageSize(ByteBuffer b, int page) {
    return b.getInt(page + META_START + 8);
  }

  private static long fnv1a64(ByteBuffer b, int from, int length) {
    long h = FNV_OFFSET_BASIS;
    for (int i = from; i < from + length; i++) {
      h = (h ^ (b.get(i) & 0xFF)) * FNV_PRIME;
    }
    return h;
  }
}
