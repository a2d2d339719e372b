package io.monban.idp.mfa;

import io.monban.core.policy.SignInLockout;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Every check of a second-factor code (at sign-in, or to remove the authenticator or make new
 * recovery codes) counts towards one lockout per user, so guessing in one place does not get
 * fresh attempts in another.
 */
@Component
class CodeAttempts {

    enum Result { ACCEPTED, WRONG, LOCKED }

    private final SignInLockout lockout;

    CodeAttempts(SignInLockout lockout) {
        this.lockout = lockout;
    }

    Result attempt(UUID userId, Predicate<UUID> proof) {
        String key = "totp:" + userId;
        if (lockout.lockedUntil(key, null).isPresent()) {
            return Result.LOCKED;
        }
        if (!proof.test(userId)) {
            lockout.recordFailure(key, null);
            return lockout.lockedUntil(key, null).isPresent() ? Result.LOCKED : Result.WRONG;
        }
        lockout.recordSuccess(key);
        return Result.ACCEPTED;
    }
}
