package io.lifeboat.testing;

/**
 * What {@link KeyspaceGenerator#fill} wrote.
 *
 * @param puts         put requests sent (creates and updates)
 * @param deletes      delete requests sent
 * @param liveKeys     keys under /registry/ at the end, as etcd counts them
 * @param lastRevision the member's revision after the last write completed
 * @param dbSizeBytes  the member's reported db size at the end (at least the target)
 */
public record FillResult(long puts, long deletes, long liveKeys, long lastRevision, long dbSizeBytes) {
}
