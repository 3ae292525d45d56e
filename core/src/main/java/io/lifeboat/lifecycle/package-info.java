/**
 * The bucket lifecycle rules lifeboat owns: tiers moved between storage classes by their object
 * tag, incomplete multipart uploads aborted, as plain values in S3's JSON shape
 * ({@link io.lifeboat.lifecycle.LifecycleRules}); warnings when a class's minimum storage
 * duration outlasts a tier's retention; and the merge that keeps every rule lifeboat did not write.
 * The store layer ({@link io.lifeboat.store.BucketLifecycle}) reads and writes them.
 */
package io.lifeboat.lifecycle;
