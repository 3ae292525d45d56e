package io.lifeboat.bbolt;

/**
 * The branch/leaf pages of a database, as the {@link TreeWalker} needs them: from
 * per-page summaries of a stream ({@link PageSummaries}) or from the file itself
 * ({@link MappedPages}).
 */
interface PageTree {

  /**
   * {@link PageLayout#BRANCH} or {@link PageLayout#LEAF} for a page reachable from the
   * root, which {@code referrer} (a page id or {@link BboltFormatException#FROM_META})
   * points to.
   *
   * @throws BboltFormatException if the page is not a well-formed branch or leaf page
   */
  int type(long pgid, long referrer);

  /** The child page ids of a branch page, in key order. */
  long[] children(long pgid);
}
