/**
 * One writer per cluster: the etcd lease-backed backup lock ({@link io.lifeboat.coordination.BackupLock}),
 * the schedule's tick that instances agree on ({@link io.lifeboat.coordination.BackupTick}) and
 * their settings ({@link io.lifeboat.coordination.LockConfig}, {@code lifeboat.lock.*}).
 */
package io.lifeboat.coordination;
