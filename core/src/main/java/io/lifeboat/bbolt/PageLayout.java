package io.lifeboat.bbolt;

import java.nio.ByteBuffer;

/**
 * bbolt's page layout, read from buffers in {@link java.nio.ByteOrder#LITTLE_ENDIAN} order.
 * bbolt writes its structs in host byte order: that covers etcd on amd64, arm64 and
 * ppc64le; a file from a big-endian host (s390x) is refused by {@link Meta#decode}.
 *
 * <p>Every page starts with a 16-byte header {id u64, flags u16, count u16, overflow u32};
 * a page spans (1 + overflow) × page size bytes. Branch and leaf pages follow it with
 * {@code count} 16-byte elements; an element's {@code pos} counts from the element itself
 * to its key, and a leaf's value follows its key. See bbolt's
 * <a href="https://github.com/etcd-io/bbolt/blob/main/internal/common/page.go">page.go</a>
 * (Page, branchPageElement, leafPageElement) and
 * <a href="https://github.com/etcd-io/bbolt/blob/main/internal/common/bucket.go">bucket.go</a>
 * (InBucket: a bucket's value is {root pgid u64, sequence u64}, root 0 meaning the bucket's
 * own leaf page follows inline).
 *
 * <p>Offsets are buffer indexes of the page start ({@code page}) or element start
 * ({@code element}). Callers check {@link #elementsFit} once per page before using the
 * element accessors, so the accessors can trust positions to lie inside the page.
 */
final class PageLayout {

  static final int HEADER_SIZE = 16;
  static final int ELEMENT_SIZE = 16;
  static final int BUCKET_HEADER_SIZE = 16;

  static final int BRANCH = 0x01;
  static final int LEAF = 0x02;
  static final int META = 0x04;
  static final int FREELIST = 0x10;

  /** Leaf element flag: the value is a nested bucket, not user data. */
  static final int BUCKET_ELEMENT = 0x01;

  private PageLayout() {}

  static long id(ByteBuffer b, int page) {
    return b.getLong(page);
  }

  static int flags(ByteBuffer b, int page) {
    return Short.toUnsignedInt(b.getShort(page + 8));
  }

  static int count(ByteBuffer b, int page) {
    return Short.toUnsignedInt(b.getShort(page + 10));
  }

  static long overflow(ByteBuffer b, int page) {
    return Integer.toUnsignedLong(b.getInt(page + 12));
  }

  static int element(int page, int index) {
    return page + HEADER_SIZE + index * ELEMENT_SIZE;
  }

  /**
   * Whether the element table and every element's key (and a leaf's value) lie within
   * the {@code span} bytes of the page: the only check that lets a stale or garbage page
   * be summarised without reading outside it.
   */
  static boolean elementsFit(ByteBuffer b, int page, long span, boolean leaf) {
    int count = count(b, page);
    if (HEADER_SIZE + (long) count * ELEMENT_SIZE > span) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      int e = element(page, i);
      long end = leaf
          ? (e - page) + u32(b, e + 4) + u32(b, e + 8) + u32(b, e + 12)
          : (e - page) + u32(b, e) + u32(b, e + 4);
      if (end > span) {
        return false;
      }
    }
    return true;
  }

  static boolean isBucket(ByteBuffer b, int element) {
    return (b.getInt(element) & BUCKET_ELEMENT) != 0;
  }

  static int keyOffset(ByteBuffer b, int leafElement) {
    return leafElement + b.getInt(leafElement + 4);
  }

  static int keySize(ByteBuffer b, int leafElement) {
    return b.getInt(leafElement + 8);
  }

  static int valueOffset(ByteBuffer b, int leafElement) {
    return keyOffset(b, leafElement) + keySize(b, leafElement);
  }

  static int valueSize(ByteBuffer b, int leafElement) {
    return b.getInt(leafElement + 12);
  }

  static long child(ByteBuffer b, int branchElement) {
    return b.getLong(branchElement + 8);
  }

  /** The bucket header's root pgid in a bucket element's value; 0 for an inline bucket. */
  static long bucketRoot(ByteBuffer b, int leafElement) {
    return b.getLong(valueOffset(b, leafElement));
  }

  private static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }
}
