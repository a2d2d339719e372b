package io.monban.core.policy;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Limits guessing of passwords, codes and passkeys. An attempt is reserved before the costly
 * check: the counters are incremented atomically in the database and refuse past their limit, so
 * parallel guesses from any number of threads or nodes are never checked more often than the
 * limit allows. The caller then settles the {@link Reservation} with the check's outcome.
 */
@Service
public class SignInLockout {

    private final LockoutCounters counters;
    private final LockoutProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    public SignInLockout(LockoutCounters counters, LockoutProperties properties, AuditLog audit, Clock clock) {
        this.counters = counters;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Reserves one attempt on every key, or on none: empty when any of them is locked, and then
     * nothing may be checked.
     */
    public Optional<Reservation> reserve(LockoutKey... keys) {
        Instant now = clock.instant();
        List<LockoutKey> taken = new ArrayList<>();
        List<LockoutKey> last = new ArrayList<>();
        for (LockoutKey key : keys) {
            LockoutCounters.Taken result = counters.reserve(key, limitOf(key), now, properties.window(),
                    properties.duration());
            if (result == LockoutCounters.Taken.REFUSED) {
                taken.forEach(this::giveBack);
                return Optional.empty();
            }
            taken.add(key);
            if (result == LockoutCounters.Taken.LAST) {
                last.add(key);
            }
        }
        return Optional.of(new Reservation(List.copyOf(taken), List.copyOf(last), now.plus(properties.duration())));
    }

    /** Addresses are shared by many users (an office, a NAT): their limit is the wider one. */
    private int limitOf(LockoutKey key) {
        return key instanceof LockoutKey.Address ? properties.maxFailuresPerAddress() : properties.maxFailures();
    }

    private void giveBack(LockoutKey key) {
        counters.giveBack(key, limitOf(key));
    }

    /** One reserved attempt, to be settled exactly once with the outcome of its check. */
    public final class Reservation {

        private final List<LockoutKey> keys;
        private final List<LockoutKey> locking;
        private final Instant lockedUntil;
        private boolean settled;

        private Reservation(List<LockoutKey> keys, List<LockoutKey> locking, Instant lockedUntil) {
            this.keys = keys;
            this.locking = locking;
            this.lockedUntil = lockedUntil;
        }

        /**
         * The check passed: a subject's own counter starts afresh, a shared address counter only
         * gets this attempt back (one user's success must not reset guessing by others).
         */
        public void succeeded() {
            settle();
            for (LockoutKey key : keys) {
                if (key.clearedBySuccess()) {
                    counters.clear(key);
                } else {
                    giveBack(key);
                }
            }
        }

        /** The check was not made after all (e.g. the feature is switched off): nothing counts. */
        public void cancelled() {
            settle();
            keys.forEach(SignInLockout.this::giveBack);
        }

        /** The check failed: the attempt stays counted. Returns whether this failure locked a key. */
        public boolean failed() {
            settle();
            for (LockoutKey key : locking) {
                audit.recordAlone(AuditRecord.failure("signin.locked", key.describe(), "until=" + lockedUntil));
            }
            return !locking.isEmpty();
        }

        private void settle() {
            if (settled) {
                throw new IllegalStateException("reservation already settled");
            }
            settled = true;
        }
    }
}
