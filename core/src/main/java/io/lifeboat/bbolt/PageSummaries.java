package io.lifeboat.bbolt;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the stream indexer keeps per page: enough to walk the trees after the last byte,
 * and nothing else. Primitive arrays indexed by page id, no object per page: at 4 KiB
 * pages an 8 GiB database costs about 5 bytes per page here plus {@link #pool} entries.
 *
 * <p>{@link #pool} holds, from {@code at = offsets[pgid]}:
 * <ul>
 *   <li>branch: {@code count}, then each child pgid;</li>
 *   <li>leaf: a header ({@code count}, bucket-element count, flags: see {@link #leafHeader}),
 *       the main revision of the last key, then three entries per bucket element: root
 *       pgid, a header for an inline bucket's page (root 0) plus {@link #KEY_BUCKET}, and
 *       that inline page's last main revision.</li>
 * </ul>
 * Every page is summarised whether live or free, since liveness is only known from the
 * walk; a garbage page is summarised as {@link #MALFORMED}, an error only if reached.
 */
final class PageSummaries implements PageTree {

  static final byte UNSEEN = 0;
  static final byte BRANCH = 1;
  static final byte LEAF = 2;
  static final byte NOT_A_PAGE_START = 3;
  static final byte NOT_A_TREE_PAGE = 4;
  static final byte MALFORMED = 5;
  static final byte PAST_THE_END = 6;

  private static final long COUNT_MASK = 0xFFFF;
  private static final long LAST_KEY_IS_REVISION = 1L << 32;
  private static final long KEY_BUCKET = 1L << 33;

  private byte[] kinds = new byte[1024];
  private int[] offsets = new int[1024];
  private long[] pool = new long[4096];
  private int poolSize;

  void mark(long pgid, byte kind) {
    if (pgid >= kinds.length) {
      if (pgid >= Integer.MAX_VALUE - 8) {
        throw new BboltFormatException("page " + pgid + " is beyond the 2^31 pages this reader supports");
      }
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(pgid + 1, 2L * kinds.length));
      kinds = Arrays.copyOf(kinds, capacity);
      offsets = Arrays.copyOf(offsets, capacity);
    }
    kinds[(int) pgid] = kind;
  }

  /** Summarises the branch or leaf page of {@code span} bytes at buffer index {@code page}. */
  void record(long pgid, int flags, ByteBuffer b, int page, int span) {
    boolean leaf = flags == PageLayout.LEAF;
    int at = poolSize;
    if (!PageLayout.elementsFit(b, page, span, leaf) || !(leaf ? leaf(b, page) : branch(b, page))) {
      poolSize = at;
      mark(pgid, MALFORMED);
      return;
    }
    mark(pgid, leaf ? LEAF : BRANCH);
    offsets[(int) pgid] = at;
  }

  private boolean branch(ByteBuffer b, int page) {
    int count = PageLayout.count(b, page);
    int at = reserve(1 + count);
    pool[at] = count;
    for (int i = 0; i < count; i++) {
      pool[at + 1 + i] = PageLayout.child(b, PageLayout.element(page, i));
    }
    return true;
  }

  private boolean leaf(ByteBuffer b, int page) {
    int at = reserve(2);
    long header = leafHeader(b, page, at + 1);
    int count = PageLayout.count(b, page);
    long buckets = 0;
    for (int i = 0; i < count; i++) {
      int e = PageLayout.element(page, i);
      if (!PageLayout.isBucket(b, e)) {
        continue;
      }
      int valueSize = PageLayout.valueSize(b, e);
      if (valueSize < PageLayout.BUCKET_HEADER_SIZE) {
        return false;
      }
      int ref = reserve(3);
      long root = PageLayout.bucketRoot(b, e);
      long inline = 0;
      if (root == 0) {
        int inlinePage = PageLayout.valueOffset(b, e) + PageLayout.BUCKET_HEADER_SIZE;
        int inlineSpan = valueSize - PageLayout.BUCKET_HEADER_SIZE;
        if (inlineSpan < PageLayout.HEADER_SIZE || PageLayout.flags(b, inlinePage) != PageLayout.LEAF
            || !PageLayout.elementsFit(b, inlinePage, inlineSpan, true)) {
          return false;
        }
        inline = leafHeader(b, inlinePage, ref + 2);
      }
      pool[ref] = root;
      boolean isKey = EtcdMvcc.isKeyBucket(b, PageLayout.keyOffset(b, e), PageLayout.keySize(b, e));
      pool[ref + 1] = inline | (isKey ? KEY_BUCKET : 0);
      buckets++;
    }
    pool[at] = header | buckets << 16;
    return true;
  }

  /** Count and last-key flag of a leaf page; stores the last key's main revision at pool[slot]. */
  private long leafHeader(ByteBuffer b, int page, int slot) {
    int count = PageLayout.count(b, page);
    pool[slot] = 0;
    if (count == 0) {
      return 0;
    }
    int last = PageLayout.element(page, count - 1);
    int key = PageLayout.keyOffset(b, last);
    if (!EtcdMvcc.isRevision(b, key, PageLayout.keySize(b, last))) {
      return count;
    }
    pool[slot] = EtcdMvcc.mainRevision(b, key);
    return count | LAST_KEY_IS_REVISION;
  }

  private int reserve(int n) {
    if (poolSize + n > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(poolSize + n, 2 * pool.length));
    }
    int at = poolSize;
    poolSize += n;
    return at;
  }

  @Override
  public int type(long pgid, long referrer) {
    byte kind = pgid < kinds.length ? kinds[(int) pgid] : UNSEEN;
    return switch (kind) {
      case BRANCH -> PageLayout.BRANCH;
      case LEAF -> PageLayout.LEAF;
      case NOT_A_PAGE_START -> throw BboltFormatException.page(pgid, referrer,
          "does not start with its own page id: free, or inside another page's overflow");
      case NOT_A_TREE_PAGE -> throw BboltFormatException.page(pgid, referrer,
          "is not a branch or leaf page");
      case MALFORMED -> throw BboltFormatException.page(pgid, referrer,
          "has elements pointing outside the page");
      case PAST_THE_END -> throw BboltFormatException.page(pgid, referrer,
          "overflows past the end of the database");
      default -> throw BboltFormatException.page(pgid, referrer, "never arrived in the stream");
    };
  }

  @Override
  public long[] children(long pgid) {
    int at = offsets[(int) pgid];
    return Arrays.copyOfRange(pool, at + 1, at + 1 + (int) pool[at]);
  }

  int leafCount(long pgid) {
    return (int) (pool[offsets[(int) pgid]] & COUNT_MASK);
  }

  int bucketCount(long pgid) {
    return (int) (pool[offsets[(int) pgid]] >>> 16 & COUNT_MASK);
  }

  /** Main revision of the last key of a non-empty leaf page whose keys are revisions. */
  long lastMainRevision(long pgid) {
    int at = offsets[(int) pgid];
    return lastMain(pgid, pool[at], pool[at + 1]);
  }

  long bucketRoot(long pgid, int index) {
    return pool[bucketRef(pgid, index)];
  }

  boolean isKeyBucket(long pgid, int index) {
    return (pool[bucketRef(pgid, index) + 1] & KEY_BUCKET) != 0;
  }

  int inlineCount(long pgid, int index) {
    return (int) (pool[bucketRef(pgid, index) + 1] & COUNT_MASK);
  }

  long inlineLastMainRevision(long pgid, int index) {
    int ref = bucketRef(pgid, index);
    return lastMain(pgid, pool[ref + 1], pool[ref + 2]);
  }

  private int bucketRef(long pgid, int index) {
    return offsets[(int) pgid] + 2 + 3 * index;
  }

  private static long lastMain(long pgid, long header, long main) {
    if ((header & LAST_KEY_IS_REVISION) == 0) {
      throw new BboltFormatException("bucket `key` has a key that is not an etcd revision on page " + pgid);
    }
    return main;
  }
}
