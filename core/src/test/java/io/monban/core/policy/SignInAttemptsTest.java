package io.monban.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInAttemptsTest {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);
    final Instant t0 = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void theFifthFailureWithinTheWindowLocksForTheLockDuration() {
        SignInAttempts attempts = new SignInAttempts("login:dave", t0);
        for (int i = 0; i < 4; i++) {
            assertThat(attempts.fail(t0.plusSeconds(i), WINDOW, 5, LOCK)).isFalse();
        }
        assertThat(attempts.fail(t0.plusSeconds(10), WINDOW, 5, LOCK)).isTrue();
        assertThat(attempts.isLockedAt(t0.plusSeconds(11))).isTrue();
        assertThat(attempts.isLockedAt(t0.plusSeconds(10).plus(LOCK).minusMillis(1))).isTrue();
        assertThat(attempts.isLockedAt(t0.plusSeconds(10).plus(LOCK))).isFalse();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        SignInAttempts attempts = new SignInAttempts("login:dave", t0);
        Instant now = t0;
        for (int i = 0; i < 12; i++) {
            now = now.plus(Duration.ofMinutes(4));
            attempts.fail(now, WINDOW, 5, LOCK);
        }
        assertThat(attempts.isLockedAt(now)).isFalse();
    }

    @Test
    void afterALockExpiresCountingStartsAgain() {
        SignInAttempts attempts = new SignInAttempts("login:dave", t0);
        for (int i = 0; i < 5; i++) {
            attempts.fail(t0, WINDOW, 5, LOCK);
        }
        Instant later = t0.plus(LOCK).plusSeconds(1);
        assertThat(attempts.isLockedAt(later)).isFalse();
        assertThat(attempts.fail(later, WINDOW, 5, LOCK)).isFalse();
        assertThat(attempts.isLockedAt(later)).isFalse();
    }
}
