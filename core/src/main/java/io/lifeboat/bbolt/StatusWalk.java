package io.lifeboat.bbolt;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * etcd's snapshot Status loop over a mapped file: for each top-level bucket in order,
 * hash the name, then every key and value, count them, and follow bucket {@code key}.
 * Mirrors etcdctl 3.4 {@code clientv3/snapshot/v3_snapshot.go} and etcdutl 3.5/3.6
 * <a href="https://github.com/etcd-io/etcd/blob/main/etcdutl/snapshot/v3_snapshot.go">snapshot/v3_snapshot.go</a>
 * {@code Status}, and 3.6's live-key set (see {@link SnapshotStatus#totalKeysV36()}).
 */
final class StatusWalk {

  private final MappedPages pages;
  private final Meta meta;
  private final TreeWalker walker;
  private final CRC32C crc = new CRC32C();
  private final Set<String> liveKeys = new HashSet<>();
  private long revision;
  private long totalKeys;

  StatusWalk(MappedPages pages, Meta meta) {
    this.pages = pages;
    this.meta = meta;
    this.walker = new TreeWalker(pages, meta.highWaterPgid());
  }

  SnapshotStatus run() {
    walker.walk(meta.rootPgid(), BboltFormatException.FROM_META, this::rootLeaf);
    return new SnapshotStatus(crc.getValue(), revision, totalKeys, liveKeys.size(), meta.txSizeBytes());
  }

  private void rootLeaf(long pgid) {
    ByteBuffer page = pages.typed(pgid);
    for (int i = 0, n = PageLayout.count(page, 0); i < n; i++) {
      int e = PageLayout.element(0, i);
      int name = PageLayout.keyOffset(page, e);
      int nameLength = PageLayout.keySize(page, e);
      // etcd: tx.Bucket(name) == nil -> "cannot get hash of bucket"
      if (!PageLayout.isBucket(page, e) || PageLayout.valueSize(page, e) < PageLayout.BUCKET_HEADER_SIZE) {
        throw new BboltFormatException("root bucket page " + pgid + " holds a key that is not a bucket");
      }
      update(page.duplicate(), name, nameLength);
      boolean isKey = EtcdMvcc.isKeyBucket(page, name, nameLength);
      long root = PageLayout.bucketRoot(page, e);
      if (root != 0) {
        walker.walk(root, pgid, leaf -> elements(pages.typed(leaf), 0, isKey, leaf));
        continue;
      }
      int inline = PageLayout.valueOffset(page, e) + PageLayout.BUCKET_HEADER_SIZE;
      int span = PageLayout.valueSize(page, e) - PageLayout.BUCKET_HEADER_SIZE;
      if (span < PageLayout.HEADER_SIZE || PageLayout.flags(page, inline) != PageLayout.LEAF
          || !PageLayout.elementsFit(page, inline, span, true)) {
        throw new BboltFormatException("inline bucket on page " + pgid + " is not a valid leaf page");
      }
      elements(page, inline, isKey, pgid);
    }
  }

  /** Hashes and counts the elements of the leaf page at {@code leaf} (checked to fit). */
  private void elements(ByteBuffer page, int leaf, boolean isKey, long pgid) {
    ByteBuffer hashed = page.duplicate();
    for (int i = 0, n = PageLayout.count(page, leaf); i < n; i++) {
      int e = PageLayout.element(leaf, i);
      int key = PageLayout.keyOffset(page, e);
      int keyLength = PageLayout.keySize(page, e);
      boolean bucket = PageLayout.isBucket(page, e);
      int valueLength = bucket ? 0 : PageLayout.valueSize(page, e);
      update(hashed, key, keyLength);
      update(hashed, key + keyLength, valueLength);
      totalKeys++;
      if (isKey) {
        revision(page, key, keyLength, key + keyLength, valueLength, pgid);
      }
    }
  }

  private void revision(ByteBuffer page, int key, int keyLength, int value, int valueLength, long pgid) {
    if (!EtcdMvcc.isRevision(page, key, keyLength)) {
      throw new BboltFormatException("bucket `key` has a key that is not an etcd revision on page " + pgid);
    }
    revision = EtcdMvcc.mainRevision(page, key);
    String userKey = EtcdMvcc.userKey(page, value, valueLength);
    if (EtcdMvcc.isTombstone(page, key, keyLength)) {
      liveKeys.remove(userKey);
    } else {
      liveKeys.add(userKey);
    }
  }

  /** CRC-32C of bytes [at, at + length) of {@code view}, a duplicate whose position and limit are free to move. */
  private void update(ByteBuffer view, int at, int length) {
    crc.update(view.limit(at + length).position(at));
  }
}
