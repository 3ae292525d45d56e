package io.lifeboat.compression;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import io.lifeboat.buffer.BufferPool;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Streaming zstd compression of a byte stream, producing one standard zstd frame (with zstd's
 * content checksum) that the {@code zstd} command decompresses.
 *
 * <p>zstd writes straight into output buffers taken from a {@link BufferPool}; each buffer is
 * emitted when it is full (the last one when the frame ends), so a pool of part-sized buffers
 * gives multipart parts with no copy and no allocation per byte. An emitted buffer belongs to
 * the subscriber, who may give it back to the pool once done with it. With no pool given,
 * outputs are new 128 KiB buffers.
 *
 * <p>Compression is native, CPU-bound work, so it runs on the given bounded scheduler, never
 * on the gRPC or Netty thread that delivered the input. Input comes in batches
 * ({@link #compressBatches}): one thread hand-off per batch (about 1 MiB from etcd), not per
 * 32 KiB message. At most {@link #PREFETCH} batches wait in front of the compressor: demand
 * from downstream is what pulls input. Each subscription has its own native context
 * ({@link ZstdCompressCtx}); on complete, error and cancel it is freed on the scheduler, after
 * any compression call in progress, without finishing the frame. Input buffers are read, never
 * modified, and not kept after their batch was compressed.
 */
public final class ZstdCompressor {

    /** Input batches queued ahead of the compressor. */
    public static final int PREFETCH = 2;

    /** zstd's recommended streaming output size (ZSTD_CStreamOutSize) is ~128 KiB. */
    private static final int DEFAULT_OUT_BYTES = 128 * 1024;
    /** Input is copied into one direct buffer of this size per call into zstd (zstd-jni reads direct buffers). */
    private static final int IN_BYTES = 1024 * 1024;

    private final ZstdSettings settings;
    private final Scheduler scheduler;
    private final BufferPool outputs;

    public ZstdCompressor(ZstdSettings settings, Scheduler scheduler) {
        this(settings, scheduler, new BufferPool(DEFAULT_OUT_BYTES, 0));
    }

    /** @param outputs where zstd's output buffers come from; each emitted buffer is one of them */
    public ZstdCompressor(ZstdSettings settings, Scheduler scheduler, BufferPool outputs) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.outputs = outputs;
    }

    public Flux<ByteBuffer> compress(Flux<ByteBuffer> input) {
        return compressBatches(input.map(List::of));
    }

    /** Like {@link #compress}, with input handed over in batches: one thread hand-off per batch. */
    public Flux<ByteBuffer> compressBatches(Flux<? extends List<ByteBuffer>> batches) {
        return Flux.usingWhen(Mono.fromCallable(() -> new Frame(settings, outputs)),
                // concatWith keeps map un-fused from what follows, so write and finish run on the
                // scheduler's worker (or the thread completing the input), never on a requester's thread.
                frame -> batches.publishOn(scheduler, PREFETCH)
                        .map(frame::write)
                        .concatWith(Mono.fromCallable(frame::finish))
                        .concatMapIterable(buffers -> buffers, 1),
                this::release,
                (frame, error) -> release(frame),
                this::release);
    }

    private Mono<Void> release(Frame frame) {
        return Mono.<Void>fromRunnable(frame::close).subscribeOn(scheduler);
    }

    /**
     * One zstd frame. Methods are synchronized so that a cancel arriving on another thread
     * frees the native context only between calls, never under one.
     */
    private static final class Frame {
        private final ZstdCompressCtx ctx = new ZstdCompressCtx();
        private final BufferPool outputs;
        private final ByteBuffer in = ByteBuffer.allocateDirect(IN_BYTES);
        /** The output buffer being filled, or null. */
        private ByteBuffer current;
        private boolean closed;

        Frame(ZstdSettings settings, BufferPool outputs) {
            this.outputs = outputs;
            ctx.setLevel(settings.level());
            ctx.setChecksum(true);
            if (settings.workers() > 0) {
                ctx.setWorkers(settings.workers());
            }
        }

        /** Compresses a batch; returns the output buffers it filled (usually none or one). */
        synchronized List<ByteBuffer> write(List<ByteBuffer> batch) {
            ensureOpen();
            List<ByteBuffer> filled = new ArrayList<>(2);
            in.clear();
            for (ByteBuffer input : batch) {
                ByteBuffer source = input.duplicate();
                while (source.hasRemaining()) {
                    if (!in.hasRemaining()) {
                        compressIn(filled);
                    }
                    int n = Math.min(in.remaining(), source.remaining());
                    in.put(source.slice().limit(n));
                    source.position(source.position() + n);
                }
            }
            compressIn(filled);
            return filled;
        }

        /** Ends the frame; returns the remaining output buffers, the last one partly filled. */
        synchronized List<ByteBuffer> finish() {
            ensureOpen();
            List<ByteBuffer> filled = new ArrayList<>(2);
            in.clear().flip();
            boolean done;
            do {
                done = ctx.compressDirectByteBufferStream(output(), in, EndDirective.END);
                emitIfFull(filled);
            } while (!done);
            if (current != null && current.position() > 0) {
                filled.add(current.flip());
                current = null;
            }
            return filled;
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                ctx.close();
                outputs.release(current);
                current = null;
            }
        }

        /** Feeds what {@code in} holds to zstd, then clears it for the next copy. */
        private void compressIn(List<ByteBuffer> filled) {
            in.flip();
            while (in.hasRemaining()) {
                ctx.compressDirectByteBufferStream(output(), in, EndDirective.CONTINUE);
                emitIfFull(filled);
            }
            in.clear();
        }

        private ByteBuffer output() {
            if (current == null) {
                current = outputs.acquire();
            }
            return current;
        }

        private void emitIfFull(List<ByteBuffer> filled) {
            if (current != null && !current.hasRemaining()) {
                filled.add(current.flip());
                current = null;
            }
        }

        private void ensureOpen() {
            if (closed) {
                throw new IllegalStateException("zstd frame already released");
            }
        }
    }
}
