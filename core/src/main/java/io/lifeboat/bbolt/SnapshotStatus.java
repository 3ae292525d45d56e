package io.lifeboat.bbolt;

/**
 * What {@code etcdctl snapshot status -w json} (and {@code etcdutl snapshot status}) says
 * about a snapshot file, computed the same way.
 *
 * @param hash CRC-32C (Castagnoli) over, for each top-level bucket in key order, the
 *     bucket name, then each key and value of the bucket in key order (a nested bucket's
 *     value counts as empty, as bbolt's {@code ForEach} passes it as nil); as an unsigned
 *     32-bit value. Equal in etcd 3.4, 3.5 and 3.6.
 * @param revision largest main revision in bucket {@code key} (main of its last key);
 *     0 if the bucket is empty. Equal in etcd 3.4, 3.5 and 3.6.
 * @param totalKeys etcd 3.4/3.5's {@code totalKey}: key/value pairs in all top-level
 *     buckets (nested-bucket entries included), i.e. every revision of every etcd key plus
 *     etcd's own metadata (members, cluster version, leases, auth, consistent index...)
 * @param totalKeysV36 etcdutl 3.6's {@code totalKey}: the number of distinct etcd keys
 *     alive in the snapshot. 3.6 counts only bucket {@code key}: it decodes each value as
 *     an {@code mvccpb.KeyValue}, walks the revisions in order and adds the user key to a
 *     set on a put, removes it on a tombstone (a revision key ending in {@code 't'}), and
 *     reports the set's size. Other buckets and older revisions do not count. Same as the
 *     {@code count} of {@code etcdctl get "" --from-key} against the snapshot's data.
 * @param totalSizeBytes bbolt {@code Tx.Size()}: high-water page id × page size, without
 *     etcd's sha256 trailer
 */
public record SnapshotStatus(long hash, long revision, long totalKeys, long totalKeysV36,
    long totalSizeBytes) {

  /** The fields a {@link BboltStreamIndexer} computes from the same bytes. */
  public SnapshotStats stats() {
    return new SnapshotStats(revision, totalKeys, totalSizeBytes);
  }
}
