package io.lifeboat.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import io.lifeboat.buffer.BufferPool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ZstdCompressorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Sizes fed in turn: empty buffers, tiny ones, etcd's 32 KiB, and odd large ones. */
    private static final int[] SIZES = {0, 1, 4096, 32 * 1024, 0, 77_777, 13, 131_077};

    private Scheduler scheduler;

    @BeforeEach
    void startScheduler() {
        scheduler = Schedulers.newSingle("zstd-test");
    }

    @AfterEach
    void stopScheduler() {
        scheduler.dispose();
    }

    @Test
    void compress_randomAndCompressibleDataInVariedBuffers_decompressesToTheSameBytes() {
        byte[] data = mixedData(1_000_000);
        List<ByteBuffer> input = buffersOf(data);

        byte[] compressed = compress(new ZstdCompressor(ZstdSettings.DEFAULT, scheduler), Flux.fromIterable(input));

        assertThat(decompress(compressed)).isEqualTo(data);
        assertThat(compressed.length).isLessThan(data.length);
    }

    // The backup's case: zstd writes into part-sized pool buffers, and each full one is a part.
    @Test
    void compressBatches_intoPoolBuffers_emitsFullBuffersThenAShorterLastOne() {
        byte[] data = mixedData(3_000_000);
        List<ByteBuffer> input = buffersOf(data);
        List<List<ByteBuffer>> batches = new ArrayList<>();
        for (int i = 0; i < input.size(); i += 32) {
            batches.add(input.subList(i, Math.min(input.size(), i + 32)));
        }
        BufferPool pool = new BufferPool(100_000, 4);
        List<ByteBuffer> outputs = new CopyOnWriteArrayList<>();

        byte[] compressed = collect(new ZstdCompressor(ZstdSettings.DEFAULT, scheduler, pool)
                .compressBatches(Flux.fromIterable(batches)).doOnNext(outputs::add));

        assertThat(decompress(compressed)).isEqualTo(data);
        assertThat(outputs).hasSizeGreaterThan(2).allSatisfy(out -> {
            assertThat(out.isDirect()).isTrue();
            assertThat(out.capacity()).isEqualTo(100_000);
        });
        assertThat(outputs.subList(0, outputs.size() - 1)).allSatisfy(out -> assertThat(out.remaining()).isEqualTo(100_000));
        assertThat(outputs.get(outputs.size() - 1).remaining()).isBetween(1, 100_000);
        assertThat(pool.allocated()).isEqualTo(outputs.size());
    }

    @Test
    void compress_withTwoWorkers_decompressesToTheSameBytes() {
        byte[] data = mixedData(3_000_000);

        byte[] compressed = compress(new ZstdCompressor(new ZstdSettings(3, 2), scheduler),
                Flux.fromIterable(buffersOf(data)));

        assertThat(decompress(compressed)).isEqualTo(data);
    }

    @Test
    void compress_emptyInput_givesOneValidFrameOfZeroBytes() {
        byte[] frame = compress(new ZstdCompressor(ZstdSettings.DEFAULT, scheduler), Flux.empty());

        assertThat(frame).startsWith(0x28, 0xB5, 0x2F, 0xFD); // zstd magic, little-endian
        assertThat(decompress(frame)).isEmpty();
    }

    @Test
    void compress_onlyEmptyBuffers_givesOneValidFrameOfZeroBytes() {
        byte[] frame = compress(new ZstdCompressor(ZstdSettings.DEFAULT, scheduler),
                Flux.just(ByteBuffer.allocate(0), ByteBuffer.allocateDirect(0)));

        assertThat(frame).startsWith(0x28, 0xB5, 0x2F, 0xFD);
        assertThat(decompress(frame)).isEmpty();
    }

    @Test
    void compress_frameCarriesAContentChecksum() {
        byte[] frame = compress(new ZstdCompressor(ZstdSettings.DEFAULT, scheduler),
                Flux.just(ByteBuffer.wrap("etcd".getBytes(StandardCharsets.US_ASCII))));

        int frameHeaderDescriptor = frame[4] & 0xFF;
        assertThat(frameHeaderDescriptor & 0x04).as("Content_Checksum_flag").isNotZero();
    }

    @Test
    void compress_leavesInputBufferPositionsAndLimitsUnchanged() {
        List<ByteBuffer> input = buffersOf(mixedData(400_000));
        List<int[]> before = input.stream().map(b -> new int[] {b.position(), b.limit()}).toList();

        compress(new ZstdCompressor(ZstdSettings.DEFAULT, scheduler), Flux.fromIterable(input));

        for (int i = 0; i < input.size(); i++) {
            assertThat(new int[] {input.get(i).position(), input.get(i).limit()})
                    .as("buffer %d", i).isEqualTo(before.get(i));
        }
    }

    @Test
    void compress_runsOnTheGivenScheduler() {
        List<String> threads = new CopyOnWriteArrayList<>();
        Flux<ByteBuffer> compressed = new ZstdCompressor(ZstdSettings.DEFAULT, scheduler)
                .compress(Flux.fromIterable(buffersOf(mixedData(500_000))))
                .doOnNext(buffer -> threads.add(Thread.currentThread().getName()));

        StepVerifier.create(compressed).thenConsumeWhile(buffer -> true).expectComplete().verify(TIMEOUT);

        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("zstd-test"));
    }

    @Test
    void compress_cancelledMidStream_cancelsTheSourceAndDropsNoError() {
        ZstdCompressor compressor = new ZstdCompressor(ZstdSettings.DEFAULT, scheduler);
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        Flux<ByteBuffer> endless = Flux.<ByteBuffer>generate(sink -> {
            byte[] block = new byte[64 * 1024];
            random.nextBytes(block);
            sink.next(ByteBuffer.wrap(block));
        }).doOnCancel(() -> sourceCancelled.set(true));

        Hooks.onErrorDropped(dropped::add);
        try {
            StepVerifier.create(compressor.compress(endless))
                    .expectNextCount(3)
                    .thenCancel()
                    .verify(TIMEOUT);
        } finally {
            Hooks.resetOnErrorDropped();
        }

        assertThat(sourceCancelled).isTrue();
        assertThat(dropped).isEmpty();
        byte[] next = compress(compressor, Flux.just(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertThat(decompress(next)).containsExactly(1, 2, 3);
    }

    @Test
    void compress_eachSubscriptionWritesItsOwnFrame() {
        Flux<ByteBuffer> compressed = new ZstdCompressor(ZstdSettings.DEFAULT, scheduler)
                .compress(Flux.just(ByteBuffer.wrap(new byte[] {9, 8, 7})));

        byte[] first = collect(compressed);
        byte[] second = collect(compressed);

        assertThat(decompress(first)).containsExactly(9, 8, 7);
        assertThat(second).isEqualTo(first);
    }

    private static byte[] compress(ZstdCompressor compressor, Flux<ByteBuffer> input) {
        return collect(compressor.compress(input));
    }

    private static byte[] collect(Flux<ByteBuffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StepVerifier.create(buffers)
                .thenConsumeWhile(buffer -> {
                    ByteBuffer b = buffer.duplicate();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    out.writeBytes(bytes);
                    return true;
                })
                .expectComplete()
                .verify(TIMEOUT);
        return out.toByteArray();
    }

    private static byte[] decompress(byte[] frame) {
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(frame))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Alternating runs of random bytes and of repetitive text (like bbolt pages of YAML). */
    private static byte[] mixedData(int length) {
        SplittableRandom random = new SplittableRandom(42);
        byte[] text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube-root-ca.crt\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[length];
        for (int at = 0; at < length; ) {
            int run = Math.min(length - at, 1 + random.nextInt(20_000));
            if (random.nextBoolean()) {
                byte[] noise = new byte[run];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, data, at, run);
            } else {
                for (int i = 0; i < run; i++) {
                    data[at + i] = text[(at + i) % text.length];
                }
            }
            at += run;
        }
        return data;
    }

    /**
     * Cuts data into buffers of {@link #SIZES}, cycling through four kinds: plain heap buffers,
     * heap buffers whose position and array offset are not zero, direct buffers, and read-only
     * buffers (no accessible array).
     */
    private static List<ByteBuffer> buffersOf(byte[] data) {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int at = 0, i = 0; at < data.length; i++) {
            int n = Math.min(SIZES[i % SIZES.length], data.length - at);
            buffers.add(switch (i % 4) {
                case 0 -> ByteBuffer.wrap(data, at, n).slice();
                case 1 -> {
                    byte[] padded = new byte[n + 11];
                    System.arraycopy(data, at, padded, 7, n);
                    ByteBuffer slice = ByteBuffer.wrap(padded, 3, n + 6).slice(); // arrayOffset 3
                    yield slice.position(4).limit(4 + n);
                }
                case 2 -> ByteBuffer.allocateDirect(n).put(data, at, n).flip();
                default -> ByteBuffer.wrap(data, at, n).slice().asReadOnlyBuffer();
            });
            at += n;
        }
        return buffers;
    }
}
