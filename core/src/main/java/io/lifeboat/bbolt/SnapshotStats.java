package io.lifeboat.bbolt;

/**
 * What an etcd snapshot's bytes say about it, as {@code etcdctl snapshot status} (etcd
 * 3.4/3.5) reports it.
 *
 * @param revision the largest main revision in bucket {@code key}: the etcd revision the
 *     snapshot was taken at (0 if no key was ever written); etcdctl's {@code revision}
 * @param totalKeys key/value pairs in all top-level buckets, every revision of every key
 *     included; etcdctl 3.4/3.5's {@code totalKey}
 * @param dbSizeBytes size of the bbolt database (high-water page id × page size), without
 *     etcd's sha256 trailer; etcdctl's {@code totalSize}
 */
public record SnapshotStats(long revision, long totalKeys, long dbSizeBytes) {}
