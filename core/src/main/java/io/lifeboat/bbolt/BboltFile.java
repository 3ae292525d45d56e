package io.lifeboat.bbolt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an etcd snapshot file (or any etcd bbolt db) on disk with random access, the way
 * {@code etcdctl snapshot status} does, so the restore CLI can check a downloaded snapshot
 * against its manifest before etcd ever sees it.
 *
 * <p>Accepts files longer than the database: a file from {@code etcdctl snapshot save}
 * ends with a 32-byte sha256 trailer, and a live {@code member/snap/db} is preallocated
 * past its high-water mark. The trailer is not checked here.
 */
public final class BboltFile {

  /** Mapping windows of 1 GiB: few mappings, each well under the 2 GiB limit. */
  private static final long WINDOW_BYTES = 1L << 30;

  private BboltFile() {}

  /**
   * Hash, revision, key counts and size of the snapshot at {@code file}, equal to
   * {@code etcdctl snapshot status -w json} (see {@link SnapshotStatus} for each field).
   *
   * @throws IOException if the file cannot be read
   * @throws BboltFormatException if it is not a valid bbolt db (the message starts with
   *     the path and names the page or offset at fault)
   */
  public static SnapshotStatus status(Path file) throws IOException {
    return status(file, WINDOW_BYTES);
  }

  static SnapshotStatus status(Path file, long windowBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Meta meta = readMeta(channel);
      long size = channel.size();
      if (size < meta.txSizeBytes()) {
        throw new BboltFormatException("file truncated: it has " + size + " bytes, the meta page says "
            + meta.highWaterPgid() + " pages of " + meta.pageSize() + " bytes (" + meta.txSizeBytes()
            + " bytes)");
      }
      return new StatusWalk(new MappedPages(channel, meta, windowBytes), meta).run();
    } catch (BboltFormatException e) {
      throw new BboltFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** Reads as much of the file's start as {@link MetaPair} wants, then lets it choose. */
  private static Meta readMeta(FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer head = ByteBuffer.allocate(0);
    int wanted = Meta.META_END;
    while (head.capacity() < Math.min(wanted, size)) {
      head = ByteBuffer.allocate((int) Math.min(wanted, size)).order(ByteOrder.LITTLE_ENDIAN);
      int read = 0;
      while (head.hasRemaining() && read >= 0) {
        read = channel.read(head, head.position());
      }
      wanted = MetaPair.bytesWanted(head, head.position());
    }
    return MetaPair.select(head, head.position());
  }
}
