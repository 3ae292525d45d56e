package io.lifeboat.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockAttemptTest {

    private static final Instant TICK = Instant.parse("2026-12-02T16:15:00Z");

    @Test
    void refusal_lockHeldByAnother_isLockHeldForEveryKindOfRun() {
        LockAttempt lost = new LockAttempt(false, "lifeboat 12@node-b", Optional.empty(), 0);

        assertThat(lost.refusal(LockRequest.scheduled(TICK))).contains(SkipReason.LOCK_HELD);
        assertThat(lost.refusal(LockRequest.triggered())).contains(SkipReason.LOCK_HELD);
        assertThat(lost.refusal(LockRequest.once())).contains(SkipReason.LOCK_HELD);
    }

    @Test
    void refusal_wonWithNoTickRecorded_runs() {
        assertThat(won(Optional.empty()).refusal(LockRequest.scheduled(TICK))).isEmpty();
    }

    @Test
    void refusal_wonButThisTickAlreadyTaken_isAlreadyTaken() {
        assertThat(won(Optional.of(TICK)).refusal(LockRequest.scheduled(TICK))).contains(SkipReason.ALREADY_TAKEN);
    }

    @Test
    void refusal_wonButALaterTickTaken_isAlreadyTaken() {
        assertThat(won(Optional.of(TICK.plusSeconds(900))).refusal(LockRequest.scheduled(TICK)))
                .contains(SkipReason.ALREADY_TAKEN);
    }

    @Test
    void refusal_wonAndOnlyTheLastTickTaken_runs() {
        assertThat(won(Optional.of(TICK.minusSeconds(900))).refusal(LockRequest.scheduled(TICK))).isEmpty();
    }

    @Test
    void refusal_onceOrTriggerAfterTheTickWasTaken_runs() {
        assertThat(won(Optional.of(TICK)).refusal(LockRequest.once())).isEmpty();
        assertThat(won(Optional.of(TICK)).refusal(LockRequest.triggered())).isEmpty();
    }

    private static LockAttempt won(Optional<Instant> lastTick) {
        return new LockAttempt(true, "us", lastTick, 42);
    }
}
