package io.lifeboat.store;

import io.lifeboat.buffer.BufferPool;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cuts a byte stream into multipart parts of exactly the pool's buffer size (the last one
 * shorter), copying into the pool's buffers. For a stream whose producer cannot write into the
 * parts itself; the backup's zstd stage does ({@link MultipartUploader#uploadParts}). A part is
 * emitted as soon as it is full, so at most one part is being filled while the parts before it
 * upload. Input buffers are read, never modified. An empty stream gives one empty part: S3
 * needs at least one part to complete an upload.
 */
public final class PartAssembler {

    private PartAssembler() {
    }

    /** @return pool buffers, each flipped (position 0, limit = its length); they belong to the subscriber */
    public static Flux<ByteBuffer> parts(Flux<ByteBuffer> bytes, BufferPool pool) {
        return Flux.defer(() -> {
            Filling filling = new Filling(pool);
            // One buffer may complete several parts (zstd can emit MiBs at once); generate emits
            // them one per request, so no part is cut before downstream asks for it.
            return bytes.concatMap(buffer -> {
                ByteBuffer in = buffer.duplicate();
                return Flux.<ByteBuffer>generate(sink -> {
                    while (in.hasRemaining()) {
                        ByteBuffer full = filling.fill(in);
                        if (full != null) {
                            sink.next(full);
                            return;
                        }
                    }
                    sink.complete();
                });
            }, 0).concatWith(Mono.fromSupplier(filling::last));
        });
    }

    /** The part being filled. Used serially by one subscription. */
    private static final class Filling {
        private final BufferPool pool;
        private ByteBuffer part;
        private boolean emittedAny;

        Filling(BufferPool pool) {
            this.pool = pool;
        }

        /** Copies what fits; returns the part if it became full. */
        ByteBuffer fill(ByteBuffer in) {
            if (part == null) {
                part = pool.acquire();
            }
            int n = Math.min(in.remaining(), part.remaining());
            part.put(in.slice().limit(n));
            in.position(in.position() + n);
            return part.hasRemaining() ? null : take();
        }

        ByteBuffer last() {
            if ((part != null && part.position() > 0) || !emittedAny) {
                return part == null ? ByteBuffer.allocate(0) : take();
            }
            return null;
        }

        private ByteBuffer take() {
            ByteBuffer full = part.flip();
            part = null;
            emittedAny = true;
            return full;
        }
    }
}
