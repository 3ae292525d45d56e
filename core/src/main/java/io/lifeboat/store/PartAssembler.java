package io.lifeboat.store;

import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cuts a byte stream into multipart parts of exactly {@code partSizeBytes} (the last one
 * shorter). A part is emitted as soon as it is full, so at most one part is being filled
 * while the parts before it upload. Input buffers are read, never modified. An empty
 * stream gives one empty part: S3 needs at least one part to complete an upload.
 */
public final class PartAssembler {

    private PartAssembler() {
    }

    public static Flux<Part> parts(Flux<ByteBuffer> bytes, long partSizeBytes) {
        int size = Math.toIntExact(partSizeBytes);
        return Flux.defer(() -> {
            Filling filling = new Filling(size);
            // One buffer may complete several parts (zstd can emit MiBs at once); generate emits
            // them one per request, so no part is cut before downstream asks for it.
            return bytes.concatMap(buffer -> {
                ByteBuffer in = buffer.duplicate();
                return Flux.<Part>generate(sink -> {
                    while (in.hasRemaining()) {
                        Part full = filling.fill(in);
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
        private final int size;
        private int number = 1;
        private byte[] bytes;
        private int length;
        private boolean emittedAny;

        Filling(int size) {
            this.size = size;
        }

        /** Copies what fits; returns the part if it became full. */
        Part fill(ByteBuffer in) {
            if (bytes == null) {
                bytes = new byte[size];
            }
            int n = Math.min(in.remaining(), size - length);
            in.get(bytes, length, n);
            length += n;
            return length == size ? take() : null;
        }

        Part last() {
            if (length > 0 || !emittedAny) {
                return take();
            }
            return null;
        }

        private Part take() {
            Part part = new Part(number++, bytes == null ? new byte[0] : bytes, length);
            bytes = null;
            length = 0;
            emittedAny = true;
            return part;
        }
    }
}
