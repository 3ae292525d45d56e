package io.lifeboat.compression;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Streaming zstd decompression of a {@code Flux<ByteBuffer>}: the inverse of
 * {@link ZstdCompressor}, and of the {@code zstd} command (concatenated frames are accepted,
 * as {@code zstd -d} accepts them).
 *
 * <p>Output is produced on demand: each compressed input buffer is decompressed one output
 * buffer (at most {@link #OUT_BYTES}) per request, so a highly compressible object never
 * inflates into the heap faster than downstream consumes it. Decompression is native,
 * CPU-bound work: input is moved onto the given bounded scheduler first, never decompressed
 * on the Netty thread that received it. zstd checks each frame's content checksum.
 *
 * <p>Errors: bytes that are not zstd, a damaged frame, or a stream that ends inside a frame
 * (a truncated object) fail with {@link SnapshotIntegrityException}, naming the compressed
 * offset. On complete, error and cancel the native context is freed on the scheduler, after
 * any call in progress. Output buffers are fresh heap buffers owned by the receiver.
 */
public final class ZstdDecompressor {

    /**
     * Compressed input buffers queued ahead of the decompressor. The SDK hands over what one
     * socket read returned (often 8-64 KiB on loopback): a deep queue lets the decompressor
     * drain many per wake-up and asks the connection for more in batches, at most a few MiB.
     */
    public static final int PREFETCH = 64;
    /** zstd's recommended streaming output size (ZSTD_DStreamOutSize) is 128 KiB. */
    public static final int OUT_BYTES = 128 * 1024;

    private final Scheduler scheduler;

    public ZstdDecompressor(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public Flux<ByteBuffer> decompress(Flux<ByteBuffer> input) {
        return decompress(input, compressed -> { });
    }

    /**
     * As {@link #decompress(Flux)}, and each compressed buffer is first shown to
     * {@code inspect} on the scheduler's thread, in order (to count and hash the object on
     * the thread that decompresses it, rather than one more thread). {@code inspect} must not
     * keep or change the buffer; what it throws fails the stream.
     */
    public Flux<ByteBuffer> decompress(Flux<ByteBuffer> input, Consumer<ByteBuffer> inspect) {
        return Flux.usingWhen(Mono.fromCallable(Stream::new),
                stream -> input.publishOn(scheduler, PREFETCH)
                        .doOnNext(inspect)
                        .concatMapIterable(stream::feed, 1)
                        .concatWith(Mono.fromRunnable(stream::finish)),
                this::release,
                (stream, error) -> release(stream),
                this::release);
    }

    private Mono<Void> release(Stream stream) {
        return Mono.<Void>fromRunnable(stream::close).subscribeOn(scheduler);
    }

    /**
     * One zstd stream. Methods are synchronized so that a cancel arriving on another thread
     * frees the native context only between calls, never under one.
     */
    private static final class Stream {
        private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();
        private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BYTES);
        private ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).flip();
        private long compressedOffset;
        private long inputBytes;
        private boolean frameDone = true;
        private boolean closed;

        /** The output of one input buffer, decompressed lazily as the iterator is pulled. */
        synchronized Iterable<ByteBuffer> feed(ByteBuffer input) {
            ensureOpen();
            ByteBuffer source = input.duplicate();
            if (in.capacity() < source.remaining()) {
                in = ByteBuffer.allocateDirect(source.remaining());
            }
            in.clear();
            in.put(source).flip();
            inputBytes += in.remaining();
            return Output::new;
        }

        synchronized void finish() {
            ensureOpen();
            if (inputBytes == 0) {
                throw new SnapshotIntegrityException("the object is empty: no zstd frame to decompress");
            }
            if (!frameDone) {
                throw new SnapshotIntegrityException("the zstd stream ends inside a frame after " + inputBytes
                        + " compressed bytes: the object is truncated");
            }
        }

        /**
         * The next output buffer from the current input, or null when the input is used up
         * and zstd holds no more output for it.
         */
        private synchronized ByteBuffer decompressNext(boolean[] mayHaveMore) {
            ensureOpen();
            while (in.hasRemaining() || mayHaveMore[0]) {
                out.clear();
                int before = in.position();
                try {
                    frameDone = ctx.decompressDirectByteBufferStream(out, in);
                } catch (ZstdException e) {
                    throw new SnapshotIntegrityException("the object is not valid zstd near compressed byte "
                            + (compressedOffset + before) + ": " + e.getMessage());
                }
                compressedOffset += in.position() - before;
                // A full output buffer means zstd may hold more for the same input.
                mayHaveMore[0] = !out.hasRemaining();
                out.flip();
                if (out.hasRemaining()) {
                    ByteBuffer copy = ByteBuffer.allocate(out.remaining());
                    copy.put(out).flip();
                    return copy;
                }
            }
            return null;
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                ctx.close();
            }
        }

        private void ensureOpen() {
            if (closed) {
                throw new IllegalStateException("zstd stream already released");
            }
        }

        private final class Output implements Iterator<ByteBuffer> {
            private final boolean[] mayHaveMore = {false};
            private ByteBuffer pending;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (pending == null && !exhausted) {
                    pending = decompressNext(mayHaveMore);
                    exhausted = pending == null;
                }
                return pending != null;
            }

            @Override
            public ByteBuffer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ByteBuffer result = pending;
                pending = null;
                return result;
            }
        }
    }
}
