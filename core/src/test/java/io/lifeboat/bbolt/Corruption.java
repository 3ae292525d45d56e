package io.lifeboat.bbolt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Finds pages in a golden db (in memory, page size 4096) to damage in tests. */
final class Corruption {

  private static final int PAGE_SIZE = 4096;

  private Corruption() {}

  static long rootPgid(byte[] db) {
    return buffer(db).getLong(Meta.META_START + 16);
  }

  /** The rightmost leaf of bucket {@code key}, not inline. */
  static long lastLeafOfKeyBucket(byte[] db) {
    ByteBuffer b = buffer(db);
    List<Long> leaves = new ArrayList<>();
    TreeWalker walker = walker(db);
    walker.walk(rootPgid(db), -1, rootLeaf -> forEachBucket(b, rootLeaf, (e, root) -> {
      if (EtcdMvcc.isKeyBucket(b, PageLayout.keyOffset(b, e), PageLayout.keySize(b, e))) {
        walker.walk(root, rootLeaf, leaves::add);
      }
    }));
    return leaves.get(leaves.size() - 1);
  }

  /**
   * A page slot that is free (neither a reachable page nor inside one's overflow) and is
   * followed, within {@code overflow} slots, by a reachable page.
   */
  static long freePageBeforeLivePages(byte[] db, int overflow) {
    ByteBuffer b = buffer(db);
    BitSet live = new BitSet();
    BitSet starts = new BitSet();
    TreeWalker collect = new TreeWalker(new PageTree() {
      @Override
      public int type(long pgid, long referrer) {
        int at = (int) pgid * PAGE_SIZE;
        starts.set((int) pgid);
        live.set((int) pgid, (int) (pgid + 1 + PageLayout.overflow(b, at)));
        return PageLayout.flags(b, at);
      }

      @Override
      public long[] children(long pgid) {
        return childrenOf(b, pgid);
      }
    }, db.length / PAGE_SIZE);
    collect.walk(rootPgid(db), -1, rootLeaf -> forEachBucket(b, rootLeaf,
        (e, root) -> collect.walk(root, rootLeaf, leaf -> { })));
    for (int s = 2; s + overflow < db.length / PAGE_SIZE; s++) {
      if (!live.get(s) && starts.nextSetBit(s + 1) >= 0 && starts.nextSetBit(s + 1) <= s + overflow) {
        return s;
      }
    }
    throw new IllegalStateException("no free page before live pages");
  }

  static void writeLeafHeader(byte[] db, long pgid, int overflow) {
    ByteBuffer b = buffer(db);
    int at = (int) pgid * PAGE_SIZE;
    b.putLong(at, pgid).putShort(at + 8, (short) PageLayout.LEAF).putShort(at + 10, (short) 0)
        .putInt(at + 12, overflow);
  }

  private interface BucketVisitor {
    void bucket(int element, long root);
  }

  private static void forEachBucket(ByteBuffer b, long rootLeaf, BucketVisitor visitor) {
    int page = (int) rootLeaf * PAGE_SIZE;
    for (int i = 0; i < PageLayout.count(b, page); i++) {
      int e = PageLayout.element(page, i);
      long root = PageLayout.bucketRoot(b, e);
      if (root != 0) {
        visitor.bucket(e, root);
      }
    }
  }

  private static TreeWalker walker(byte[] db) {
    ByteBuffer b = buffer(db);
    return new TreeWalker(new PageTree() {
      @Override
      public int type(long pgid, long referrer) {
        return PageLayout.flags(b, (int) pgid * PAGE_SIZE);
      }

      @Override
      public long[] children(long pgid) {
        return childrenOf(b, pgid);
      }
    }, db.length / PAGE_SIZE);
  }

  private static long[] childrenOf(ByteBuffer b, long pgid) {
    int page = (int) pgid * PAGE_SIZE;
    long[] children = new long[PageLayout.count(b, page)];
    for (int i = 0; i < children.length; i++) {
      children[i] = PageLayout.child(b, PageLayout.element(page, i));
    }
    return children;
  }

  private static ByteBuffer buffer(byte[] db) {
    return ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
  }
}
