package io.lifeboat.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * What {@code /health} and the trigger limit take as the newest snapshot. The bucket is a
 * supplier here: that the real catalog answers it is BackupService's wiring, shown end to end
 * by HaHealthIT.
 */
class NewestSnapshotTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicReference<Mono<Manifest>> bucket = new AtomicReference<>(Mono.empty());
    private final AtomicInteger bucketReads = new AtomicInteger();
    private final NewestSnapshot newest = new NewestSnapshot(() -> {
        bucketReads.incrementAndGet();
        return bucket.get();
    }, INTERVAL, clock);

    @Test
    void ownFreshSuccess_isTheAnswer_withoutReadingTheBucket() {
        Manifest own = finishedAt("20261203T115950Z-r10", T0.minusSeconds(10));
        newest.succeeded(own);

        assertThat(newest.get().block()).isEqualTo(own);
        assertThat(bucketReads).hasValue(0);
    }

    @Test
    void ownSuccessGoneStale_whileAnotherInstanceBacksUp_theBucketsNewerSnapshotIsTheAnswer() {
        // The HA case: this pod took one snapshot, then lost the lock to another pod.
        newest.succeeded(finishedAt("20261203T115950Z-r10", T0.minusSeconds(10)));
        Manifest other = finishedAt("20261203T122950Z-r90", T0.plus(Duration.ofMinutes(30)));
        bucket.set(Mono.just(other));
        clock.now = T0.plus(Duration.ofMinutes(30)).plusSeconds(5);

        assertThat(newest.get().block()).isEqualTo(other);
        assertThat(bucketReads).hasValue(1);
    }

    @Test
    void bucketOlderThanOwnSuccess_ownStays() {
        Manifest own = finishedAt("20261203T115950Z-r10", T0.minusSeconds(10));
        newest.succeeded(own);
        bucket.set(Mono.just(finishedAt("20261203T110000Z-r5", T0.minus(Duration.ofHours(1)))));
        clock.now = T0.plus(Duration.ofMinutes(5));

        assertThat(newest.get().block()).isEqualTo(own);
    }

    @Test
    void staleKnowledge_readsTheBucketAtMostOncePerInterval_howeverOftenAsked() {
        bucket.set(Mono.just(finishedAt("20261203T110000Z-r5", T0.minus(Duration.ofHours(1)))));

        for (int i = 0; i < 5; i++) {
            newest.get().block();
            clock.now = clock.now.plusSeconds(10);
        }
        assertThat(bucketReads).as("5 probes within 50 s").hasValue(1);

        clock.now = clock.now.plusSeconds(20);
        newest.get().block();
        assertThat(bucketReads).as("one interval after the first read").hasValue(2);
    }

    @Test
    void emptyBucket_isEmpty_andIsNotReadAgainWithinTheInterval() {
        assertThat(newest.get().blockOptional()).isEmpty();
        assertThat(newest.get().blockOptional()).isEmpty();

        assertThat(bucketReads).hasValue(1);
    }

    @Test
    void unreadableBucket_withNothingKnown_passesTheErrorOn_andTriesAgainNextTime() {
        bucket.set(Mono.error(new StoreException("bucket unreachable", null)));

        assertThatThrownBy(() -> newest.get().block()).hasMessageContaining("bucket unreachable");
        assertThatThrownBy(() -> newest.get().block()).hasMessageContaining("bucket unreachable");
        assertThat(bucketReads).as("a failed read is not a check").hasValue(2);
    }

    @Test
    void unreadableBucket_withSomethingKnown_fallsBackToIt() {
        Manifest own = finishedAt("20261203T115950Z-r10", T0.minusSeconds(10));
        newest.succeeded(own);
        bucket.set(Mono.error(new StoreException("bucket unreachable", null)));
        clock.now = T0.plus(Duration.ofMinutes(10));

        assertThat(newest.get().block()).isEqualTo(own);
    }

    @Test
    void ownSuccessAfterABucketRead_replacesIt() {
        bucket.set(Mono.just(finishedAt("20261203T110000Z-r5", T0.minus(Duration.ofHours(1)))));
        newest.get().block();
        Manifest own = finishedAt("20261203T120000Z-r11", T0.plusSeconds(30));
        newest.succeeded(own);
        clock.now = T0.plusSeconds(31);

        assertThat(newest.get().block()).isEqualTo(own);
    }

    private static Manifest finishedAt(String id, Instant finished) {
        return new Manifest(Manifest.FORMAT_VERSION, id, "prod",
                new Manifest.EtcdSource("cdf818194e3a8c32", "8e9e05c52164694d", "cp-1", "3.5.16",
                        "https://127.0.0.1:2379", "registry.k8s.io/etcd:3.5.16-0"),
                1, 100, 40960, "00".repeat(32),
                new Manifest.StoredObject("backups/prod/snapshots/" + id + ".db.zst", 1000, "11".repeat(32),
                        5_242_880, "CRC32C", List.of(new Manifest.Part(1, 1000, "4waSgw==", "\"e\""))),
                new Manifest.Compression("zstd", 3, 0),
                new Manifest.Timings(finished.minusSeconds(5), finished, 5000), List.of(),
                new Manifest.Tool("lifeboat", "0.1.0"));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
