package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.snapshot.SnapshotDigest;
import io.lifeboat.testing.RealS3;
import io.lifeboat.testing.S3Bucket;
import io.lifeboat.testing.S3FaultProxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The multipart uploader against a real S3Mock process, with an HTTP fault proxy in front of
 * it for the part failures a healthy server does not produce.
 */
@RealS3
class MultipartUploaderIT {

    private static final int MIB = 1024 * 1024;
    private static final long PART = 5L * MIB;

    private final S3Bucket bucket;
    private S3FaultProxy proxy;
    private S3AsyncClient s3;

    MultipartUploaderIT(S3Bucket bucket) {
        this.bucket = bucket;
    }

    @BeforeEach
    void connect() {
        proxy = S3FaultProxy.start(bucket.endpoint());
        s3 = S3Clients.async(settings());
    }

    private S3Settings settings() {
        return new S3Settings(bucket.name(), Optional.of(proxy.endpoint()), "us-east-1", true, Duration.ofMinutes(1));
    }

    @AfterEach
    void disconnect() {
        s3.close();
        proxy.close();
    }

    @Test
    void upload_twelveMebibytes_storesExactBytesInThreePartsWithChecksums() {
        byte[] data = random(12 * MIB, 1);

        UploadedObject object = uploader(2, 3).upload("it/three-parts", chunks(data)).block();

        assertThat(object.parts()).extracting(p -> p.sizeBytes()).containsExactly(PART, PART, 2L * MIB);
        assertThat(object.sha256()).isEqualTo(sha256(data));
        assertThat(stored("it/three-parts")).isEqualTo(data);
        assertThat(object.parts().get(0).checksum()).isEqualTo(ChecksumMode.CRC32C.compute(data, 0, (int) PART));
        assertThat(incompleteUploads()).isZero();
    }

    @Test
    void upload_storageClassSet_createsTheObjectInThatClass() {
        MultipartUploader infrequent = new MultipartUploader(new S3ObjectStore(s3, settings()), new UploadSettings(PART, 2,
                ChecksumMode.CRC32C, 3, Duration.ofMillis(50), UploadSettings.DEFAULT_PART_TIMEOUT,
                UploadSettings.storageClass("standard_ia")));

        infrequent.upload("it/standard-ia", chunks(random(MIB, 3))).block();

        assertThat(bucket.client().headObject(r -> r.bucket(bucket.name()).key("it/standard-ia")).storageClassAsString())
                .isEqualTo("STANDARD_IA");
    }

    @Test
    void upload_partFailsTwice_retriesFromMemoryThenCompletes() {
        byte[] data = random(7 * MIB, 2);
        proxy.failNextPartUploads(2);

        UploadedObject object = uploader(1, 3).upload("it/retried", chunks(data)).block();

        assertThat(proxy.partFailuresInjected()).isEqualTo(2);
        assertThat(proxy.partUploadsSeen()).isEqualTo(2 + 2);
        assertThat(object.parts()).hasSize(2);
        assertThat(stored("it/retried")).isEqualTo(data);
    }

    @Test
    void upload_partFailsMoreThanItsRetries_abortsAndNamesThePart() {
        proxy.failNextPartUploads(100);

        assertThatThrownBy(() -> uploader(1, 2).upload("it/failing", chunks(random(6 * MIB, 3))).block())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("part 1 of it/failing")
                .hasMessageContaining(bucket.name());
        assertThat(incompleteUploads()).isZero();
        assertThat(exists("it/failing")).isFalse();
    }

    @Test
    void upload_sourceFailsMidStream_abortsAndStoresNothing() {
        Flux<ByteBuffer> failing = chunks(random(8 * MIB, 4))
                .concatWith(Flux.error(new IllegalStateException("etcd went away")));

        assertThatThrownBy(() -> uploader(2, 3).upload("it/broken-source", failing).block())
                .hasMessageContaining("etcd went away");
        assertThat(incompleteUploads()).isZero();
        assertThat(exists("it/broken-source")).isFalse();
    }

    @Test
    void upload_cancelledMidStream_abortsTheUpload() throws InterruptedException {
        AtomicLong pulled = new AtomicLong();
        Flux<ByteBuffer> endless = Flux.generate(sink -> sink.next(ByteBuffer.wrap(random(64 * 1024, 5))))
                .cast(ByteBuffer.class).doOnNext(b -> pulled.addAndGet(b.remaining()));

        Disposable running = uploader(2, 3).upload("it/cancelled", endless).subscribe();
        awaitPulled(pulled, 3 * PART);
        running.dispose();

        awaitNoIncompleteUploads();
        assertThat(exists("it/cancelled")).isFalse();
    }

    @Test
    void upload_twoObjects_reusesThePartBuffersInsteadOfAllocating() {
        MultipartUploader uploader = uploader(2, 3);
        byte[] data = random(22 * MIB, 6);

        uploader.upload("it/first", chunks(data)).block();
        long afterFirst = uploader.partBuffers().allocated();
        uploader.upload("it/second", chunks(data)).block();

        assertThat(afterFirst).as("5 parts, at most 2 in flight + 2").isBetween(1L, 4L);
        assertThat(uploader.partBuffers().allocated()).as("the second upload allocated no part buffer")
                .isEqualTo(afterFirst);
        assertThat(stored("it/second")).isEqualTo(data);
    }

    @Test
    void uploadParts_producerFilledParts_storesThemAsTheyAre() {
        MultipartUploader uploader = uploader(2, 3);
        byte[] data = random(11 * MIB, 7);
        Flux<ByteBuffer> parts = Flux.range(0, 3).map(i -> {
            ByteBuffer part = uploader.partBuffers().acquire();
            int at = i * (int) PART;
            part.put(data, at, Math.min((int) PART, data.length - at));
            return part.flip();
        });

        UploadedObject object = uploader.uploadParts("it/filled", parts).block();

        assertThat(object.parts()).extracting(p -> p.sizeBytes()).containsExactly(PART, PART, (long) MIB);
        assertThat(object.sha256()).isEqualTo(sha256(data));
        assertThat(stored("it/filled")).isEqualTo(data);
    }

    // S3 refuses a short part that is not the last only at CompleteMultipartUpload: fail at once.
    @Test
    void uploadParts_shortPartBeforeTheLast_failsAndAbortsTheUpload() throws InterruptedException {
        MultipartUploader uploader = uploader(2, 3);
        Flux<ByteBuffer> parts = Flux.just(MIB, (int) PART).map(size -> {
            ByteBuffer part = uploader.partBuffers().acquire();
            part.put(random(size, size)).flip();
            return part;
        });

        assertThatThrownBy(() -> uploader.uploadParts("it/short-first", parts).block())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("part 1 of it/short-first has fewer bytes than the part size");
        awaitNoIncompleteUploads();
        assertThat(exists("it/short-first")).isFalse();
    }

    // A slow bucket must slow the source down, not fill memory: what was pulled and not yet
    // taken by the store stays within the parts in flight, one waiting and one being filled.
    @Test
    void upload_toASlowStore_pullsTheSourceOnlyAsFastAsTheStoreTakesIt() {
        proxy.limitUploadRate(8_000_000);
        byte[] data = random(40 * MIB, 9);
        AtomicLong pulled = new AtomicLong();
        AtomicLong maxAhead = new AtomicLong();
        Flux<ByteBuffer> source = chunks(data).doOnNext(b -> maxAhead.accumulateAndGet(
                pulled.addAndGet(b.remaining()) - proxy.bodyBytesReceived(), Math::max));

        uploader(2, 3).upload("it/slow", source).block();

        assertThat(stored("it/slow")).isEqualTo(data);
        assertThat(proxy.bodyBytesReceived()).isGreaterThanOrEqualTo(data.length);
        assertThat(maxAhead.get()).as("bytes pulled ahead of the store").isLessThanOrEqualTo(4 * PART + 64 * 1024);
    }

    private MultipartUploader uploader(int inFlight, int retries) {
        return new MultipartUploader(new S3ObjectStore(s3, settings()),
                new UploadSettings(PART, inFlight, ChecksumMode.CRC32C, retries, Duration.ofMillis(50), UploadSettings.DEFAULT_PART_TIMEOUT));
    }

    private static Flux<ByteBuffer> chunks(byte[] data) {
        int chunk = 32 * 1024 + 7;
        return Flux.range(0, (data.length + chunk - 1) / chunk)
                .map(i -> ByteBuffer.wrap(data, i * chunk, Math.min(chunk, data.length - i * chunk)).slice());
    }

    private byte[] stored(String key) {
        return bucket.client().getObjectAsBytes(r -> r.bucket(bucket.name()).key(key)).asByteArray();
    }

    private boolean exists(String key) {
        return bucket.client().listObjectsV2(r -> r.bucket(bucket.name()).prefix(key)).keyCount() > 0;
    }

    private int incompleteUploads() {
        return bucket.client().listMultipartUploads(r -> r.bucket(bucket.name())).uploads().size();
    }

    private void awaitNoIncompleteUploads() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (incompleteUploads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(incompleteUploads()).as("incomplete uploads after cancel").isZero();
    }

    private static void awaitPulled(AtomicLong pulled, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (pulled.get() < bytes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pulled.get()).isGreaterThanOrEqualTo(bytes);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) {
        return SnapshotDigest.hex(SnapshotDigest.newSha256().digest(data));
    }

}
