/**
 * Retention: which snapshots to keep and in which tiers, as a pure function
 * ({@link io.lifeboat.retention.Retention#decide}) over a bucket listing, with borg's and
 * restic's {@code --keep-*} meaning. No S3 and no manifests here: the caller lists, decides,
 * deletes (manifest first) and tags.
 */
package io.lifeboat.retention;
