package io.lifeboat.restore;

/**
 * A snapshot whose every byte and figure matched its manifest.
 *
 * @param id the snapshot id
 * @param objectSha256 SHA-256 of the compressed object
 * @param dbSha256 SHA-256 of the db, equal to etcd's trailer
 * @param dbSizeBytes size of the db without the trailer
 * @param revision etcd revision read from the bbolt pages
 * @param totalKeys key count as {@code etcdctl snapshot status} (3.4/3.5) reports it
 */
public record Verified(String id, String objectSha256, String dbSha256, long dbSizeBytes, long revision,
                       long totalKeys) {
}
