package io.monban.core.policy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Recent failed sign-ins of one login name or one client address. */
@Entity
@Table(name = "mb_signin_attempt")
public class SignInAttempts {

    @Id
    private String attemptKey;
    private int failures;
    private Instant windowStartedAt;
    private Instant lockedUntil;

    protected SignInAttempts() {
    }

    SignInAttempts(String attemptKey, Instant now) {
        this.attemptKey = attemptKey;
        this.windowStartedAt = now;
    }

    boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Counts a failure; returns true when this failure locks the key. */
    boolean fail(Instant now, Duration window, int maxFailures, Duration lockDuration) {
        if (windowStartedAt.plus(window).isBefore(now)) {
            windowStartedAt = now;
            failures = 0;
        }
        failures++;
        if (failures >= maxFailures && !isLockedAt(now)) {
            lockedUntil = now.plus(lockDuration);
            windowStartedAt = now;
            failures = 0;
            return true;
        }
        return false;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }
}
