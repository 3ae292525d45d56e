package io.lifeboat.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.snapshot.SnapshotChunk;
import io.lifeboat.testing.EtcdCluster;
import io.lifeboat.testing.KeyspaceGenerator;
import io.lifeboat.testing.RealEtcd;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * A consumer that stops asking stops etcd: measured on etcd's own counter of snapshot
 * messages sent, not on anything lifeboat reports about itself.
 */
@RealEtcd
class SnapshotBackpressureIT {

    private static final long DB_BYTES = 64L << 20;
    private static final int ETCD_MESSAGE_BYTES = 32 * 1024;
    /** 4 requested + the 1 MiB HTTP/2 window (32 messages) + grpc-go's 64 KiB write quota + slack. */
    private static final long MAX_MESSAGES_WHILE_STALLED = 4 + 32 + 2 + 10;

    private static EtcdSource etcd;

    record EtcdSource(EtcdChannels channels, String endpoint) {
    }

    @BeforeAll
    static void fill(EtcdCluster cluster) {
        new KeyspaceGenerator().fill(cluster.clientEndpoints(), DB_BYTES, 7);
        String endpoint = cluster.member(0).clientUrl();
        etcd = new EtcdSource(new EtcdChannels(new EtcdConfig(List.of(endpoint), null, null, null,
                Duration.ofSeconds(5), Duration.ofSeconds(30))), endpoint);
    }

    @Test
    void snapshot_consumerStallsAfterFourMessages_etcdStopsSendingWithinTheWindow() throws Exception {
        try (EtcdProbe probe = new EtcdProbe(etcd.endpoint())) {
            long before = probe.snapshotMessagesSent();
            StallingSubscriber consumer = new StallingSubscriber(4);
            new EtcdSnapshotSource(etcd.channels().channel(etcd.endpoint()), etcd.endpoint()).snapshot()
                    .subscribe(consumer);

            awaitReceived(consumer, 4);
            long stalledAt = waitUntilSteady(probe) - before;
            Thread.sleep(1000);
            long later = probe.snapshotMessagesSent() - before;
            consumer.cancel();
            System.out.printf("etcd sent %d snapshot messages (<= %d KiB) while the consumer stalled after 4;"
                    + " the db is %d MiB%n", stalledAt, stalledAt * 32, DB_BYTES >> 20);

            assertThat(consumer.received).hasSize(4);
            assertThat(stalledAt).as("snapshot messages etcd sent while the consumer stalled")
                    .isLessThanOrEqualTo(MAX_MESSAGES_WHILE_STALLED);
            assertThat(later).as("etcd sent nothing more a second later").isEqualTo(stalledAt);
            assertThat(stalledAt * ETCD_MESSAGE_BYTES).isLessThan(DB_BYTES / 16);
        }
    }

    @Test
    void snapshot_consumerRequestsEverything_receivesTheWholeDbAndTrailer() {
        try (EtcdProbe probe = new EtcdProbe(etcd.endpoint())) {
            long before = probe.snapshotMessagesSent();
            List<SnapshotChunk> chunks = new EtcdSnapshotSource(etcd.channels().channel(etcd.endpoint()),
                    etcd.endpoint()).snapshot().collectList().block(Duration.ofMinutes(2));

            long bytes = chunks.stream().mapToLong(c -> c.data().remaining()).sum();
            assertThat(bytes - 32).isGreaterThanOrEqualTo(DB_BYTES);
            assertThat(chunks.get(chunks.size() - 1).data().remaining()).isEqualTo(32);
            assertThat(probe.snapshotMessagesSent() - before).isEqualTo(chunks.size());
        }
    }

    private static void awaitReceived(StallingSubscriber consumer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.received.size() < count && consumer.error.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(consumer.error.get()).isNull();
        assertThat(consumer.received).hasSize(count);
    }

    /** Polls etcd's counter until it stops moving for half a second. */
    private static long waitUntilSteady(EtcdProbe probe) throws InterruptedException {
        long last = -1;
        long now = probe.snapshotMessagesSent();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (now != last && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = now;
            now = probe.snapshotMessagesSent();
        }
        return now;
    }

    /** Requests {@code n} messages, then nothing: a bucket that stopped accepting parts. */
    private static final class StallingSubscriber extends BaseSubscriber<SnapshotChunk> {
        private final int n;
        final List<SnapshotChunk> received = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        StallingSubscriber(int n) {
            this.n = n;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(n);
        }

        @Override
        protected void hookOnNext(SnapshotChunk chunk) {
            received.add(chunk);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
        }
    }
}
