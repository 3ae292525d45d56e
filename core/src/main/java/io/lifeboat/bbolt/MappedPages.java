package io.lifeboat.bbolt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The branch and leaf pages of a database file, memory-mapped in windows (a single
 * mapping is limited to 2 GiB; snapshots are bigger). A page that crosses a window
 * boundary, possible only with overflow, is read into a heap buffer instead.
 *
 * <p>Mappings are released by the garbage collector, not by closing the channel (Java
 * has no public unmap); windows are mapped lazily, as the walk first touches them.
 */
final class MappedPages implements PageTree {

  private final FileChannel channel;
  private final Meta meta;
  private final long windowBytes;
  private final MappedByteBuffer[] windows;
  /** The page last checked by type(): the walker types a page, then reads it. */
  private long typedPgid = -1;
  private ByteBuffer typedPage;

  /** @param windowBytes mapping size; rounded down to whole pages, at least one page */
  MappedPages(FileChannel channel, Meta meta, long windowBytes) {
    this.channel = channel;
    this.meta = meta;
    int pageSize = meta.pageSize();
    this.windowBytes = Math.max(pageSize, Math.min(windowBytes, Integer.MAX_VALUE) / pageSize * pageSize);
    this.windows = new MappedByteBuffer[(int) ((meta.txSizeBytes() + this.windowBytes - 1) / this.windowBytes)];
  }

  @Override
  public int type(long pgid, long referrer) {
    if (pgid != typedPgid) {
      typedPage = load(pgid, referrer);
      typedPgid = pgid;
    }
    return PageLayout.flags(typedPage, 0);
  }

  @Override
  public long[] children(long pgid) {
    ByteBuffer page = typed(pgid);
    long[] children = new long[PageLayout.count(page, 0)];
    for (int i = 0; i < children.length; i++) {
      children[i] = PageLayout.child(page, PageLayout.element(0, i));
    }
    return children;
  }

  /**
   * The page last checked by {@link #type}, as the walker hands a leaf to its visitor
   * right after typing it: a little-endian buffer whose index 0 is the page start and
   * whose limit is the page's span, overflow included; its elements fit inside it.
   */
  ByteBuffer typed(long pgid) {
    if (pgid != typedPgid) {
      throw new IllegalStateException("page " + pgid + " was not the last page typed");
    }
    return typedPage;
  }

  /**
   * @throws BboltFormatException if the page does not carry its own id, is not a branch
   *     or leaf page, overflows past the db's end, or has elements outside its span
   */
  private ByteBuffer load(long pgid, long referrer) {
    long offset = pgid * meta.pageSize();
    int k = (int) (offset / windowBytes);
    ByteBuffer window = window(k);
    int at = (int) (offset - k * windowBytes);
    if (PageLayout.id(window, at) != pgid) {
      throw BboltFormatException.page(pgid, referrer, String.format(
          "does not start with its own page id (it says %d): free, or inside another page's overflow",
          PageLayout.id(window, at)));
    }
    int flags = PageLayout.flags(window, at);
    if (flags != PageLayout.BRANCH && flags != PageLayout.LEAF) {
      throw BboltFormatException.page(pgid, referrer,
          String.format("is not a branch or leaf page (flags 0x%02x)", flags));
    }
    long span = (1 + PageLayout.overflow(window, at)) * meta.pageSize();
    if (offset + span > meta.txSizeBytes()) {
      throw BboltFormatException.page(pgid, referrer, "overflows past the end of the database");
    }
    ByteBuffer page = at + span <= window.limit()
        ? window.slice(at, (int) span).order(ByteOrder.LITTLE_ENDIAN)
        : read(offset, (int) span);
    if (!PageLayout.elementsFit(page, 0, span, flags == PageLayout.LEAF)) {
      throw BboltFormatException.page(pgid, referrer, "has elements pointing outside the page");
    }
    return page;
  }

  private ByteBuffer window(int k) {
    if (windows[k] == null) {
      long start = k * windowBytes;
      long size = Math.min(windowBytes, meta.txSizeBytes() - start);
      try {
        windows[k] = channel.map(FileChannel.MapMode.READ_ONLY, start, size);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot map bytes " + start + ".." + (start + size), e);
      }
      windows[k].order(ByteOrder.LITTLE_ENDIAN);
    }
    return windows[k];
  }

  private ByteBuffer read(long offset, int length) {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    try {
      while (buf.hasRemaining()) {
        if (channel.read(buf, offset + buf.position()) < 0) {
          throw new BboltFormatException("file ends inside the page at offset " + offset);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + length + " bytes at offset " + offset, e);
    }
    return buf.clear();
  }
}
