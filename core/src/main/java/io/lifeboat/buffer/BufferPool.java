package io.lifeboat.buffer;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct buffers of one size, reused across backups so the data path allocates nothing in
 * steady state: zstd writes into them, the uploader sends them, and they come back here when
 * the store has acknowledged them.
 *
 * <p>Off-heap on purpose: a 16 MiB heap array is a G1 humongous object, and a new one per part
 * was 15 % of a backup's allocation; a direct buffer is also what Netty writes to the socket
 * without another copy. {@link #acquire()} never waits: it takes a returned buffer or allocates
 * a new one. How many are out at once is bounded by the caller's backpressure (parts in flight
 * plus the one being filled), and the pool keeps at most {@code retained} of those that come
 * back, so its footprint is {@code retained × size} once warm. A buffer that is not released
 * (a cancelled or failed upload whose request may still be reading it) is simply left to the
 * garbage collector.
 *
 * <p>Thread-safe. Buffers come out cleared (position 0, limit = capacity).
 */
public final class BufferPool {

    private final int size;
    private final int retained;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freeCount = new AtomicInteger();
    private final AtomicLong allocated = new AtomicLong();

    /**
     * @param size bytes per buffer
     * @param retained most buffers kept for reuse
     */
    public BufferPool(int size, int retained) {
        if (size <= 0 || retained < 0) {
            throw new IllegalArgumentException("buffer size must be positive and retained not negative: "
                    + size + ", " + retained);
        }
        this.size = size;
        this.retained = retained;
    }

    /** Bytes per buffer. */
    public int size() {
        return size;
    }

    /**
     * A cleared buffer of {@link #size()} bytes, reused or new.
     *
     * @throws IllegalStateException if the JVM's direct memory limit leaves no room for a new one
     *     (an {@code OutOfMemoryError} thrown inside a Reactor operator would be rethrown as fatal
     *     and leave the stream hanging, so it is never let out of here)
     */
    public ByteBuffer acquire() {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            try {
                buffer = ByteBuffer.allocateDirect(size);
            } catch (OutOfMemoryError e) {
                throw new IllegalStateException("cannot allocate a " + (size >> 20) + " MiB buffer: the JVM's direct"
                        + " memory limit (" + (maxDirectMemory() >> 20) + " MiB, -XX:MaxDirectMemorySize, by default"
                        + " -Xmx) is used up; raise it, or lower the part size or the parts in flight", e);
            }
            allocated.incrementAndGet();
            return buffer;
        }
        freeCount.decrementAndGet();
        return buffer.clear();
    }

    /**
     * Gives a buffer back once nothing reads or writes it any more. Buffers of another size,
     * or beyond what the pool retains, are dropped.
     */
    public void release(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect() || buffer.capacity() != size || buffer.isReadOnly()) {
            return;
        }
        if (freeCount.incrementAndGet() <= retained) {
            free.offer(buffer);
        } else {
            freeCount.decrementAndGet();
        }
    }

    /**
     * The JVM's limit for direct buffers: {@code -XX:MaxDirectMemorySize}, or the maximum heap
     * when it is not set (HotSpot's default).
     */
    public static long maxDirectMemory() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException notHotSpot) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    /** Buffers this pool has allocated since it was made (for tests and benchmarks). */
    public long allocated() {
        return allocated.get();
    }
}
