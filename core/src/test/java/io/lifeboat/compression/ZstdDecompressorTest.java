package io.lifeboat.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.lifeboat.snapshot.SnapshotIntegrityException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ZstdDecompressorTest {

    private static final Scheduler CPU = Schedulers.newBoundedElastic(2, 16, "zstd-test");

    @AfterAll
    static void dispose() {
        CPU.dispose();
    }

    @Test
    void decompress_streamOfTheCompressor_givesBackTheBytes() {
        byte[] data = mixed(3_000_000, 1);
        Flux<ByteBuffer> compressed = new ZstdCompressor(ZstdSettings.DEFAULT, CPU).compress(chunks(data, 32 * 1024));

        byte[] restored = join(new ZstdDecompressor(CPU).decompress(chunks(join(compressed), 8191)));

        assertThat(restored).isEqualTo(data);
    }

    @Test
    void decompress_concatenatedFrames_givesBothLikeTheZstdTool() {
        byte[] a = mixed(100_000, 2);
        byte[] b = mixed(50_000, 3);
        byte[] frames = concat(Zstd.compress(a), Zstd.compress(b));

        assertThat(join(new ZstdDecompressor(CPU).decompress(chunks(frames, 1000)))).isEqualTo(concat(a, b));
    }

    @Test
    void decompress_highlyCompressible_emitsBoundedBuffersOnDemand() {
        byte[] zeros = new byte[64 << 20];
        byte[] compressed = Zstd.compress(zeros);
        assertThat(compressed.length).isLessThan(64 * 1024);

        StepVerifier.create(new ZstdDecompressor(CPU).decompress(Flux.just(ByteBuffer.wrap(compressed))), 1)
                .assertNext(first -> assertThat(first.remaining()).isLessThanOrEqualTo(ZstdDecompressor.OUT_BYTES))
                .thenCancel()
                .verify();
    }

    @Test
    void decompress_truncatedFrame_failsAsTruncated() {
        byte[] compressed = Zstd.compress(mixed(200_000, 4));
        byte[] cut = Arrays.copyOf(compressed, compressed.length - 3);

        StepVerifier.create(new ZstdDecompressor(CPU).decompress(chunks(cut, 4096)).then())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SnapshotIntegrityException.class)
                        .hasMessageContaining("ends inside a frame").hasMessageContaining("truncated"))
                .verify();
    }

    @Test
    void decompress_damagedChecksum_failsNamingTheOffset() {
        byte[] damaged = join(new ZstdCompressor(ZstdSettings.DEFAULT, CPU)
                .compress(Flux.just(ByteBuffer.wrap(mixed(200_000, 5)))));
        damaged[damaged.length - 1] ^= 1;

        StepVerifier.create(new ZstdDecompressor(CPU).decompress(chunks(damaged, 4096)).then())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SnapshotIntegrityException.class)
                        .hasMessageContaining("not valid zstd near compressed byte"))
                .verify();
    }

    @Test
    void decompress_notZstd_fails() {
        StepVerifier.create(new ZstdDecompressor(CPU).decompress(Flux.just(ByteBuffer.wrap(mixed(1000, 6)))).then())
                .expectError(SnapshotIntegrityException.class)
                .verify();
    }

    @Test
    void decompress_empty_failsAsEmpty() {
        StepVerifier.create(new ZstdDecompressor(CPU).decompress(Flux.empty()).then())
                .expectErrorMessage("the object is empty: no zstd frame to decompress")
                .verify();
    }

    /** Half random, half repetitive: compresses some, so frames have compressed blocks. */
    static byte[] mixed(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        for (int i = 0; i < size; i += 2) {
            data[i] = (byte) (i % 7);
        }
        return data;
    }

    static Flux<ByteBuffer> chunks(byte[] data, int size) {
        List<ByteBuffer> list = new ArrayList<>();
        for (int i = 0; i < data.length; i += size) {
            list.add(ByteBuffer.wrap(data, i, Math.min(size, data.length - i)).slice());
        }
        return Flux.fromIterable(list);
    }

    static byte[] join(Flux<ByteBuffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffers.toStream().forEach(b -> {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            out.writeBytes(bytes);
        });
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
