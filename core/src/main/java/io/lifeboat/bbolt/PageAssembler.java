package io.lifeboat.bbolt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts the db bytes after the two meta pages into pages, as they stream in chunks of any
 * size, and hands each branch and leaf page to {@link PageSummaries}.
 *
 * <p>Every page slot is examined, not only the one after the previous page's overflow:
 * a free page keeps its stale header, and its stale overflow may cover pages that were
 * reused since (bbolt's own {@code pages} command only trusts overflow of pages not in
 * the freelist, see cmd/bbolt's command_pages.go). A slot whose header does not carry its
 * own id is overflow or garbage; branch and leaf pages are summarised from their element
 * headers only, other pages (freelist, data) are skipped without touching their bytes.
 *
 * <p>Zero copy for a page that lies inside one chunk. A page that does not (it crosses a
 * chunk boundary, or overflows past it) is "pending": bytes from the first pending page
 * on are copied into {@link #spool} until the last pending page is complete.
 */
final class PageAssembler {

  /** A page spanning more than this is treated as garbage: etcd values are ~1.5 MiB max. */
  private static final long MAX_PAGE_SPAN = 1L << 30;

  private final int pageSize;
  private final long dbEnd;
  private final PageSummaries summaries;

  /** Stream offset of the next page slot whose header has not been examined. */
  private long nextSlot;

  /** Pages seen but not yet complete, in ascending start order. */
  private long[] pendingStart = new long[8];
  private long[] pendingEnd = new long[8];
  private int pendingCount;

  /** Stream bytes [spoolStart, spoolStart + spoolLength), kept while pages are pending. */
  private byte[] spool = new byte[0];
  private ByteBuffer spoolView = ByteBuffer.wrap(spool).order(ByteOrder.LITTLE_ENDIAN);
  private long spoolStart;
  private int spoolLength;

  PageAssembler(int pageSize, long dbEnd, PageSummaries summaries) {
    this.pageSize = pageSize;
    this.dbEnd = dbEnd;
    this.summaries = summaries;
    this.nextSlot = 2L * pageSize;
  }

  /**
   * Takes the bytes {@code [position, limit)} of little-endian {@code buf}, the first of
   * which is at stream offset {@code offset}; bytes at or past the db's end are ignored.
   */
  void feed(ByteBuffer buf, long offset) {
    int from = buf.position();
    int to = buf.limit();
    long base = offset - from;
    if (spoolLength > 0) {
      from = feedSpool(buf, from, to, base);
    }
    if (from < to) {
      feedDirect(buf, to, base);
    }
  }

  /** Whether every page slot was examined and every page completed. */
  boolean complete() {
    return nextSlot >= dbEnd && pendingCount == 0;
  }

  private void feedDirect(ByteBuffer buf, int to, long base) {
    long end = Math.min(base + to, dbEnd);
    scan(buf, base, end);
    long keepFrom = pendingCount > 0 ? pendingStart[0] : nextSlot;
    if (keepFrom < end) {
      spoolStart = keepFrom;
      spoolLength = 0;
      append(buf, (int) (keepFrom - base), (int) (end - keepFrom));
    }
  }

  /** Extends the spool until nothing is pending; returns where direct reading resumes. */
  private int feedSpool(ByteBuffer buf, int from, int to, long base) {
    while (spoolLength > 0 && from < to) {
      long spoolEnd = spoolStart + spoolLength;
      long wanted = nextSlot < spoolEnd ? nextSlot + PageLayout.HEADER_SIZE : 0;
      for (int i = 0; i < pendingCount; i++) {
        wanted = Math.max(wanted, pendingEnd[i]);
      }
      int n = (int) Math.min(wanted - spoolEnd, to - from);
      append(buf, from, n);
      from += n;
      spoolEnd += n;
      scan(spoolView, spoolStart, spoolEnd);
      completePending(spoolEnd);
      dropBefore(pendingCount > 0 ? pendingStart[0] : nextSlot);
    }
    return from;
  }

  /** Examines every slot whose header lies in buffer {@code b}, which holds stream bytes up to {@code end}. */
  private void scan(ByteBuffer b, long base, long end) {
    while (nextSlot + PageLayout.HEADER_SIZE <= end && nextSlot < dbEnd) {
      examine(b, base, end, nextSlot);
      nextSlot += pageSize;
    }
  }

  private void examine(ByteBuffer b, long base, long end, long slot) {
    int at = (int) (slot - base);
    long pgid = slot / pageSize;
    if (PageLayout.id(b, at) != pgid) {
      summaries.mark(pgid, PageSummaries.NOT_A_PAGE_START);
      return;
    }
    int flags = PageLayout.flags(b, at);
    if (flags != PageLayout.BRANCH && flags != PageLayout.LEAF) {
      summaries.mark(pgid, PageSummaries.NOT_A_TREE_PAGE);
      return;
    }
    long span = (1 + PageLayout.overflow(b, at)) * pageSize;
    if (span > MAX_PAGE_SPAN || slot + span > dbEnd) {
      summaries.mark(pgid, PageSummaries.PAST_THE_END);
    } else if (slot + span <= end) {
      summaries.record(pgid, flags, b, at, (int) span);
    } else {
      summaries.mark(pgid, PageSummaries.UNSEEN);
      addPending(slot, slot + span);
    }
  }

  private void addPending(long start, long end) {
    if (pendingCount == pendingStart.length) {
      pendingStart = Arrays.copyOf(pendingStart, 2 * pendingCount);
      pendingEnd = Arrays.copyOf(pendingEnd, 2 * pendingCount);
    }
    pendingStart[pendingCount] = start;
    pendingEnd[pendingCount] = end;
    pendingCount++;
  }

  private void completePending(long spoolEnd) {
    int kept = 0;
    for (int i = 0; i < pendingCount; i++) {
      long start = pendingStart[i];
      long end = pendingEnd[i];
      if (end <= spoolEnd) {
        int at = (int) (start - spoolStart);
        summaries.record(start / pageSize, PageLayout.flags(spoolView, at), spoolView, at, (int) (end - start));
      } else {
        pendingStart[kept] = start;
        pendingEnd[kept] = end;
        kept++;
      }
    }
    pendingCount = kept;
  }

  private void append(ByteBuffer buf, int at, int n) {
    if (spoolLength + n > spool.length) {
      int capacity = Math.max(spoolLength + n, Math.max(2 * spool.length, 2 * pageSize));
      spool = Arrays.copyOf(spool, capacity);
      spoolView = ByteBuffer.wrap(spool).order(ByteOrder.LITTLE_ENDIAN);
    }
    buf.get(at, spool, spoolLength, n);
    spoolLength += n;
  }

  private void dropBefore(long keepFrom) {
    long spoolEnd = spoolStart + spoolLength;
    if (keepFrom >= spoolEnd) {
      spoolLength = 0;
    } else if (keepFrom > spoolStart) {
      int drop = (int) (keepFrom - spoolStart);
      System.arraycopy(spool, drop, spool, 0, spoolLength - drop);
      spoolLength -= drop;
      spoolStart = keepFrom;
    }
  }
}
