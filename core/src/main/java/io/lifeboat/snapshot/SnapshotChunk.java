package io.lifeboat.snapshot;

import java.nio.ByteBuffer;

/**
 * One message of etcd's Maintenance.Snapshot stream.
 *
 * <p>etcd sends the bbolt file in messages of up to 32 KiB, each carrying the number of db
 * bytes still to come after it (so the last data message carries 0), then one more message,
 * also with 0, whose blob is the SHA-256 of all db bytes (etcd server/etcdserver/api/v3rpc/
 * maintenance.go, {@code Snapshot}: {@code sent} is advanced before {@code RemainingBytes} is
 * set). Only the position in the stream tells the trailer apart: see {@link SnapshotDigest}.
 *
 * @param data the blob; readers must not move its position (use {@code duplicate()})
 * @param remainingBytes etcd's {@code remaining_bytes}: db bytes still to come after this one
 */
public record SnapshotChunk(ByteBuffer data, long remainingBytes) {
}
