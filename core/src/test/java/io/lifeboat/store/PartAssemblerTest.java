package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lifeboat.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class PartAssemblerTest {

    private static final int PART = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void parts_exactMultipleOfPartSize_givesFullPartsOnly() {
        List<Part> parts = parts(buffers(bytes(30), 5, 5, 5, 5, 5, 5));

        assertThat(parts).extracting(Part::length).containsExactly(10, 10, 10);
    }

    @Test
    void parts_remainder_becomesAShorterLastPart() {
        List<Part> parts = parts(buffers(bytes(25), 5, 5, 5, 5, 5));

        assertThat(parts).extracting(Part::length).containsExactly(10, 10, 5);
    }

    @Test
    void parts_buffersSpanningPartBoundaries_areSplitAcrossParts() {
        byte[] data = bytes(28);

        List<Part> parts = parts(buffers(data, 7, 7, 7, 7));

        assertThat(parts).extracting(Part::length).containsExactly(10, 10, 8);
        assertThat(concat(parts)).isEqualTo(data);
    }

    // A zstd flush with workers can hand over many MiB at once: one buffer, several parts.
    @Test
    void parts_oneBufferLargerThanTwoParts_givesEveryPart() {
        byte[] data = bytes(35);

        List<Part> parts = parts(Flux.just(ByteBuffer.wrap(data)));

        assertThat(parts).extracting(Part::length).containsExactly(10, 10, 10, 5);
        assertThat(concat(parts)).isEqualTo(data);
    }

    @Test
    void parts_emptyInput_givesExactlyOneEmptyPartNumberedOne() {
        List<Part> parts = parts(Flux.empty());

        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).number()).isEqualTo(1);
        assertThat(parts.get(0).length()).isZero();
    }

    @Test
    void parts_onlyEmptyBuffers_givesExactlyOneEmptyPart() {
        List<Part> parts = parts(Flux.just(ByteBuffer.allocate(0), ByteBuffer.allocate(0)));

        assertThat(parts).extracting(Part::number, Part::length).containsExactly(tuple(1, 0));
    }

    @Test
    void parts_randomBufferSizes_areNumberedOneToNAndConcatenateToTheInput() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] data = bytes(1_003);
        List<ByteBuffer> input = new ArrayList<>();
        for (int at = 0; at < data.length; ) {
            int n = Math.min(random.nextInt(PART + 1), data.length - at); // 0..PART: empty buffers too
            input.add(ByteBuffer.wrap(data, at, n).slice());
            at += n;
        }

        List<Part> parts = parts(Flux.fromIterable(input));

        assertThat(parts).extracting(Part::number).containsExactlyElementsOf(IntStream.rangeClosed(1, 101).boxed().toList());
        assertThat(parts).extracting(Part::length).allMatch(length -> length == PART || length == 3);
        assertThat(concat(parts)).isEqualTo(data);
    }

    @Test
    void parts_leaveInputBufferPositionsUnchanged() {
        byte[] data = bytes(40);
        ByteBuffer first = ByteBuffer.wrap(data, 3, 17);
        ByteBuffer second = ByteBuffer.wrap(data, 20, 9).asReadOnlyBuffer();

        List<Part> parts = parts(Flux.just(first, second));

        assertThat(first.position()).isEqualTo(3);
        assertThat(second.position()).isEqualTo(20);
        assertThat(concat(parts)).isEqualTo(Arrays.copyOfRange(data, 3, 29));
    }

    @Test
    void parts_subscribedTwice_cutsEachSubscriptionFromTheStart() {
        byte[] data = bytes(15);
        Flux<ByteBuffer> parts = PartAssembler.parts(buffers(data, 5, 5, 5), pool());

        StepVerifier.create(parts.map(ByteBuffer::remaining)).expectNext(10, 5).verifyComplete();
        StepVerifier.create(parts.map(ByteBuffer::remaining)).expectNext(10, 5).verifyComplete();
        assertThat(concat(parts(buffers(data, 5, 5, 5)))).isEqualTo(data);
    }

    @Test
    void parts_areThePoolsBuffers_andReleasedOnesAreReused() {
        BufferPool pool = pool();
        List<ByteBuffer> first = PartAssembler.parts(Flux.just(ByteBuffer.wrap(bytes(25))), pool).collectList().block();
        first.forEach(pool::release);

        List<ByteBuffer> second = PartAssembler.parts(Flux.just(ByteBuffer.wrap(bytes(25))), pool).collectList().block();

        assertThat(first).hasSize(3).allSatisfy(part -> assertThat(part.isDirect()).isTrue());
        assertThat(second).extracting(ByteBuffer::remaining).containsExactly(10, 10, 5);
        assertThat(pool.allocated()).as("the second stream reused the first's buffers").isEqualTo(3);
    }

    // Backpressure: one part requested must pull only the buffers that fill it, so a slow
    // bucket holds the etcd stream instead of growing the heap.
    @Test
    void parts_onePartRequested_pullsOnlyTheBuffersThatFillIt() {
        AtomicLong requested = new AtomicLong();
        AtomicInteger delivered = new AtomicInteger();
        Flux<ByteBuffer> source = Flux.range(0, 1_000)
                .doOnRequest(requested::addAndGet)
                .map(i -> ByteBuffer.wrap(new byte[] {i.byteValue(), i.byteValue(), i.byteValue()}))
                .doOnNext(buffer -> delivered.incrementAndGet());

        StepVerifier.create(numbered(PartAssembler.parts(source, pool())), 0)
                .expectSubscription()
                .then(() -> assertThat(delivered).hasValue(0))
                .thenRequest(1)
                .assertNext(part -> assertThat(part.length()).isEqualTo(PART))
                .then(() -> {
                    assertThat(delivered).as("3-byte buffers pulled for one 10-byte part").hasValue(4);
                    // Buffers that complete no part may be re-requested one by one or (fused)
                    // skipped without a request, but never prefetched in a batch.
                    assertThat(requested.get()).isBetween(1L, 4L);
                })
                .thenRequest(1)
                .assertNext(part -> assertThat(part.number()).isEqualTo(2))
                .then(() -> assertThat(delivered).as("buffers pulled for two parts").hasValue(7))
                .thenCancel()
                .verify(TIMEOUT);
    }

    private static List<Part> parts(Flux<ByteBuffer> input) {
        List<Part> parts = new ArrayList<>();
        StepVerifier.create(numbered(PartAssembler.parts(input, pool())))
                .recordWith(() -> parts)
                .thenConsumeWhile(part -> true)
                .expectComplete()
                .verify(TIMEOUT);
        return parts;
    }

    private static BufferPool pool() {
        return new BufferPool(PART, 4);
    }

    /** Parts numbered as the uploader numbers them. */
    private static Flux<Part> numbered(Flux<ByteBuffer> parts) {
        return Flux.defer(() -> {
            AtomicInteger number = new AtomicInteger();
            return parts.map(part -> new Part(number.incrementAndGet(), part));
        });
    }

    private static Flux<ByteBuffer> buffers(byte[] data, int... sizes) {
        assertThat(Arrays.stream(sizes).sum()).isEqualTo(data.length);
        List<ByteBuffer> buffers = new ArrayList<>();
        int at = 0;
        for (int size : sizes) {
            buffers.add(ByteBuffer.wrap(data, at, size).slice());
            at += size;
        }
        return Flux.fromIterable(buffers);
    }

    private static byte[] bytes(int length) {
        byte[] data = new byte[length];
        new SplittableRandom(length).nextBytes(data);
        return data;
    }

    private static byte[] concat(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(part -> {
            byte[] bytes = new byte[part.length()];
            part.data().duplicate().get(bytes);
            out.write(bytes, 0, bytes.length);
        });
        return out.toByteArray();
    }
}
