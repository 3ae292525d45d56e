package io.lifeboat.coordination;

import io.lifeboat.etcd.EtcdUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

/** When a held lock's lease counts as lost, in virtual time. */
class LockLeaseWatchTest {

    private static final Duration TTL = Duration.ofSeconds(3);

    @Test
    void lost_answersKeepComingWithinTwoThirdsOfTheTtl_neverSignals() {
        TestPublisher<Long> answers = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> LeaseWatch.lost(answers.flux(), TTL, VirtualTimeScheduler.get(), "lock"))
                .expectSubscription()
                .then(() -> answers.next(3L))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> answers.next(3L))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> answers.next(3L))
                .thenAwait(Duration.ofMillis(1900))
                .expectNoEvent(Duration.ofMillis(50))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void lost_noAnswerForTwoThirdsOfTheTtl_failsAsEtcdUnavailable() {
        TestPublisher<Long> answers = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> LeaseWatch.lost(answers.flux(), TTL,
                        VirtualTimeScheduler.get(), "/lifeboat/c/backup-lock"))
                .expectSubscription()
                .then(() -> answers.next(3L))
                .thenAwait(Duration.ofSeconds(2))
                .expectErrorSatisfies(e -> org.assertj.core.api.Assertions.assertThat(e)
                        .isInstanceOf(EtcdUnavailableException.class)
                        .hasMessageContaining("/lifeboat/c/backup-lock").hasMessageContaining("did not renew"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void lost_etcdAnswersTtlZero_failsAtOnce() {
        TestPublisher<Long> answers = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> LeaseWatch.lost(answers.flux(), TTL, VirtualTimeScheduler.get(), "lock"))
                .expectSubscription()
                .then(() -> answers.next(0L))
                .expectErrorSatisfies(e -> org.assertj.core.api.Assertions.assertThat(e)
                        .isInstanceOf(EtcdUnavailableException.class).hasMessageContaining("expired"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void lost_keepAliveStreamEnds_fails() {
        TestPublisher<Long> answers = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> LeaseWatch.lost(answers.flux(), TTL, VirtualTimeScheduler.get(), "lock"))
                .expectSubscription()
                .then(answers::complete)
                .expectError(EtcdUnavailableException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void lost_cancelled_cancelsTheKeepAlives() {
        TestPublisher<Long> answers = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> LeaseWatch.lost(answers.flux(), TTL, VirtualTimeScheduler.get(), "lock"))
                .expectSubscription()
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        answers.assertCancelled();
    }
}
