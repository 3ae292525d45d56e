package io.lifeboat.bbolt;

import java.util.BitSet;
import java.util.function.LongConsumer;

/**
 * Walks bucket B+trees depth first, visiting leaf pages in key order: the one traversal
 * both the stream indexer and the file reader use.
 *
 * <p>Only pages reached this way are data: a bbolt file also holds free pages with stale
 * contents, which a sequential read cannot tell apart. Like bbolt's {@code Tx.Check}
 * (<a href="https://github.com/etcd-io/bbolt/blob/main/tx_check.go">tx_check.go</a>) it
 * refuses page ids outside the database and pages reached twice, which also stops cycles
 * in a corrupt file from looping forever.
 */
final class TreeWalker {

  /** Far beyond any real tree: bbolt branches have at least two children. */
  private static final int MAX_DEPTH = 64;

  private final PageTree pages;
  private final long highWaterPgid;
  private final BitSet visited = new BitSet();

  TreeWalker(PageTree pages, long highWaterPgid) {
    this.pages = pages;
    this.highWaterPgid = highWaterPgid;
  }

  /**
   * Visits, in key order, every leaf page of the tree rooted at {@code root}.
   *
   * @param referrer the page holding the reference to {@code root}, for messages
   */
  void walk(long root, long referrer, LongConsumer leafVisitor) {
    walk(root, referrer, leafVisitor, 0);
  }

  private void walk(long pgid, long referrer, LongConsumer leafVisitor, int depth) {
    if (pgid < 2 || pgid >= highWaterPgid) {
      throw BboltFormatException.page(pgid, referrer,
          "is outside the database (pages 2.." + (highWaterPgid - 1) + ")");
    }
    if (depth > MAX_DEPTH) {
      throw BboltFormatException.page(pgid, referrer, "is deeper than " + MAX_DEPTH + " levels");
    }
    if (pgid > Integer.MAX_VALUE) {
      throw BboltFormatException.page(pgid, referrer, "is beyond the 2^31 pages this reader supports");
    }
    if (visited.get((int) pgid)) {
      throw BboltFormatException.page(pgid, referrer, "is reachable twice");
    }
    visited.set((int) pgid);
    if (pages.type(pgid, referrer) == PageLayout.LEAF) {
      leafVisitor.accept(pgid);
      return;
    }
    for (long child : pages.children(pgid)) {
      walk(child, pgid, leafVisitor, depth + 1);
    }
  }
}
