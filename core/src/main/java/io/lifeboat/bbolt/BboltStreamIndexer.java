package io.lifeboat.bbolt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Learns an etcd snapshot's revision and key count from its bytes as they stream by,
 * so a backup needs neither a second pass nor a side call that is not atomic with the
 * snapshot (etcd leaves {@code header.revision} 0 on snapshot responses).
 *
 * <p>etcd streams the bbolt file in page order ({@code Tx.WriteTo}: both meta pages,
 * then pages 2..high-water). Per page the indexer keeps a few bytes, and copies only a
 * page that straddles a chunk boundary. {@link #finish()} then walks from the root bucket
 * of the valid meta with the highest txid to every top-level bucket, inline ones
 * included, counting the elements of reachable leaves; free pages are never counted.
 * The results equal {@code etcdctl snapshot status} (3.4/3.5) for the same bytes.
 *
 * <p>Not thread-safe: call {@link #accept} serially (as a Reactor {@code onNext} is), then
 * {@link #finish} once. After a {@link BboltFormatException} the indexer is unusable.
 */
public final class BboltStreamIndexer {

  /** {@code etcdctl snapshot save} ends a file with the sha256 of the db bytes. */
  static final int SHA256_TRAILER_BYTES = 32;

  private byte[] head = new byte[Meta.META_END];
  private int headLength;
  private Meta meta;
  private PageSummaries summaries;
  private PageAssembler assembler;
  private long consumedBytes;
  private boolean finished;

  /**
   * Consumes the next db bytes: {@code chunk}'s remaining bytes. The chunk's position,
   * limit and contents are left unchanged, and it is not referenced after this returns,
   * so the caller may pass it on or recycle it.
   *
   * <p>The stream may carry etcd's 32-byte sha256 trailer after the db (it is ignored:
   * checking it is the integrity stage's job); any other excess is an error.
   *
   * @throws BboltFormatException if the meta pages are invalid or the stream runs past
   *     the end of the db
   * @throws IllegalStateException after {@link #finish()}
   */
  public void accept(ByteBuffer chunk) {
    if (finished) {
      throw new IllegalStateException("accept() after finish()");
    }
    ByteBuffer view = chunk.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long offset = consumedBytes;
    consumedBytes += view.remaining();
    if (assembler == null) {
      offset = gatherHead(view, offset);
    }
    if (assembler != null) {
      long dbEnd = meta.txSizeBytes();
      if (consumedBytes > dbEnd + SHA256_TRAILER_BYTES) {
        throw new BboltFormatException("stream goes on past the end of the db: the meta page says "
            + meta.highWaterPgid() + " pages of " + meta.pageSize() + " bytes (" + dbEnd
            + " bytes), but " + consumedBytes + " bytes arrived");
      }
      if (offset < dbEnd && view.hasRemaining()) {
        assembler.feed(view, offset);
      }
    }
  }

  /**
   * Ends the stream and walks the page summaries.
   *
   * @return revision, key count and db size, as {@code etcdctl snapshot status} reports them
   * @throws BboltFormatException if the stream was truncated, no meta page is valid, or
   *     the tree references a page that is missing, free or malformed
   * @throws IllegalStateException if called twice
   */
  public SnapshotStats finish() {
    if (finished) {
      throw new IllegalStateException("finish() called twice");
    }
    finished = true;
    if (assembler == null) {
      start(MetaPair.select(ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN), headLength));
    }
    long dbEnd = meta.txSizeBytes();
    if (consumedBytes < dbEnd) {
      throw new BboltFormatException("stream truncated at offset " + consumedBytes
          + " (page " + consumedBytes / meta.pageSize() + "): the meta page says the db has "
          + meta.highWaterPgid() + " pages of " + meta.pageSize() + " bytes (" + dbEnd + " bytes)");
    }
    if (!assembler.complete()) {
      throw new IllegalStateException("pages left incomplete at the end of a whole db");
    }
    return new Walk().run();
  }

  /** Buffers the first bytes until the meta pages can be chosen; returns the offset of what is left. */
  private long gatherHead(ByteBuffer view, long offset) {
    ByteBuffer headView = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    int wanted = MetaPair.bytesWanted(headView, headLength);
    while (headLength < wanted && view.hasRemaining()) {
      int n = Math.min(wanted - headLength, view.remaining());
      if (headLength + n > head.length) {
        head = Arrays.copyOf(head, Math.max(headLength + n, 2 * head.length));
        headView = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
      }
      view.get(head, headLength, n);
      headLength += n;
      offset += n;
      wanted = MetaPair.bytesWanted(headView, headLength);
    }
    if (headLength >= wanted) {
      start(MetaPair.select(headView, headLength));
    }
    return offset;
  }

  /** Sets up page assembly for the chosen meta and hands it the head's bytes past the metas. */
  private void start(Meta chosen) {
    meta = chosen;
    summaries = new PageSummaries();
    assembler = new PageAssembler(chosen.pageSize(), chosen.txSizeBytes(), summaries);
    int dbStart = 2 * chosen.pageSize();
    if (headLength > dbStart) {
      assembler.feed(ByteBuffer.wrap(head, dbStart, headLength - dbStart)
          .order(ByteOrder.LITTLE_ENDIAN), dbStart);
    }
    head = null;
  }

  /** The walk of {@link #finish()}: etcd's Status loop over summaries instead of pages. */
  private final class Walk {
    private final TreeWalker walker = new TreeWalker(summaries, meta.highWaterPgid());
    private long revision;
    private long totalKeys;

    SnapshotStats run() {
      walker.walk(meta.rootPgid(), BboltFormatException.FROM_META, this::rootLeaf);
      return new SnapshotStats(revision, totalKeys, meta.txSizeBytes());
    }

    /** A leaf of the root bucket: every element must be a top-level bucket. */
    private void rootLeaf(long pgid) {
      int buckets = summaries.bucketCount(pgid);
      if (buckets != summaries.leafCount(pgid)) {
        throw new BboltFormatException("root bucket page " + pgid + " holds "
            + (summaries.leafCount(pgid) - buckets) + " keys that are not buckets");
      }
      for (int i = 0; i < buckets; i++) {
        boolean isKey = summaries.isKeyBucket(pgid, i);
        long root = summaries.bucketRoot(pgid, i);
        if (root != 0) {
          walker.walk(root, pgid, leaf -> bucketLeaf(leaf, isKey));
        } else {
          int count = summaries.inlineCount(pgid, i);
          totalKeys += count;
          if (isKey && count > 0) {
            revision = summaries.inlineLastMainRevision(pgid, i);
          }
        }
      }
    }

    private void bucketLeaf(long pgid, boolean isKey) {
      int count = summaries.leafCount(pgid);
      totalKeys += count;
      if (isKey && count > 0) {
        // Leaves come in key order and keys are big-endian revisions: the last one wins,
        // as in etcd's Status, which keeps the main revision of every key it iterates.
        revision = summaries.lastMainRevision(pgid);
      }
    }
  }
}
