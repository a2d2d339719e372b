package io.monban.idp.mfa;

import io.monban.core.policy.LockoutKey;
import io.monban.core.policy.SignInLockout;
import java.util.Optional;
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

    /** Reserves the attempt before the proof is checked, so parallel guesses cannot pass the limit. */
    Result attempt(UUID userId, Predicate<UUID> proof) {
        Optional<SignInLockout.Reservation> reservation = lockout.reserve(new LockoutKey.SecondFactor(userId));
        if (reservation.isEmpty()) {
            return Result.LOCKED;
        }
        boolean proved;
        try {
            proved = proof.test(userId);
        } catch (RuntimeException e) {
            reservation.get().failed();
            throw e;
        }
        if (!proved) {
            return reservation.get().failed() ? Result.LOCKED : Result.WRONG;
        }
        reservation.get().succeeded();
        return Result.ACCEPTED;
    }
}
