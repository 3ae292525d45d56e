package io.lifeboat.compression;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Streaming zstd compression of a {@code Flux<ByteBuffer>}, producing one standard zstd frame
 * (with zstd's content checksum) that the {@code zstd} command decompresses.
 *
 * <p>Compression is native, CPU-bound work, so it runs on the given bounded scheduler, never
 * on the gRPC or Netty thread that delivered the input. At most {@link #PREFETCH} input
 * buffers wait in front of the compressor: demand from downstream is what pulls input.
 * Each subscription has its own native context ({@link ZstdCompressCtx}); on complete, error
 * and cancel it is freed on the scheduler, after any compression call in progress, without
 * finishing the frame. Input buffers are read, never modified.
 */
public final class ZstdCompressor {

    /** Input buffers queued ahead of the compressor (32 KiB each from etcd). */
    public static final int PREFETCH = 4;

    private final ZstdSettings settings;
    private final Scheduler scheduler;

    public ZstdCompressor(ZstdSettings settings, Scheduler scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
    }

    public Flux<ByteBuffer> compress(Flux<ByteBuffer> input) {
        return Flux.usingWhen(Mono.fromCallable(() -> new Frame(settings)),
                frame -> input.publishOn(scheduler, PREFETCH)
                        .map(frame::write)
                        .concatWith(Mono.fromCallable(frame::finish))
                        .filter(ByteBuffer::hasRemaining),
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
        /** zstd's recommended streaming output size (ZSTD_CStreamOutSize) is ~128 KiB. */
        private static final int OUT_BYTES = 128 * 1024;

        private final ZstdCompressCtx ctx = new ZstdCompressCtx();
        private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BYTES);
        private ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        private boolean closed;

        Frame(ZstdSettings settings) {
            ctx.setLevel(settings.level());
            ctx.setChecksum(true);
            if (settings.workers() > 0) {
                ctx.setWorkers(settings.workers());
            }
        }

        synchronized ByteBuffer write(ByteBuffer input) {
            ensureOpen();
            ByteBuffer source = input.duplicate();
            if (in.capacity() < source.remaining()) {
                in = ByteBuffer.allocateDirect(source.remaining());
            }
            in.clear();
            in.put(source).flip();
            Drain drained = new Drain();
            while (in.hasRemaining()) {
                ctx.compressDirectByteBufferStream(out, in, EndDirective.CONTINUE);
                drained.take(out);
            }
            return drained.result();
        }

        synchronized ByteBuffer finish() {
            ensureOpen();
            in.clear().flip();
            Drain drained = new Drain();
            boolean done;
            do {
                done = ctx.compressDirectByteBufferStream(out, in, EndDirective.END);
                drained.take(out);
            } while (!done);
            return drained.result();
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                ctx.close();
            }
        }

        private void ensureOpen() {
            if (closed) {
                throw new IllegalStateException("zstd frame already released");
            }
        }
    }

    /** Collects what zstd produced across calls that filled the output buffer. */
    private static final class Drain extends ByteArrayOutputStream {
        private static final byte[] NONE = new byte[0];

        void take(ByteBuffer out) {
            out.flip();
            if (out.hasRemaining()) {
                byte[] chunk = new byte[out.remaining()];
                out.get(chunk);
                write(chunk, 0, chunk.length);
            }
            out.clear();
        }

        ByteBuffer result() {
            return ByteBuffer.wrap(count == 0 ? NONE : toByteArray());
        }
    }
}
