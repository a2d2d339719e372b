package io.monban.core.policy;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Locks a login name after repeated wrong passwords, and a client address after many (password
 * spraying). Kept in the database so that every node enforces the same count. Keys are the typed
 * login name, known or not, so a lock reveals nothing about which accounts exist.
 */
@Service
public class SignInLockout {

    private final SignInAttemptRepository attempts;
    private final LockoutProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SignInLockout(SignInAttemptRepository attempts, LockoutProperties properties, AuditLog audit,
                         TransactionTemplate tx, Clock clock) {
        this.attempts = attempts;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Until when sign-in is refused for this name or address, if it is. */
    @Transactional(readOnly = true)
    public Optional<Instant> lockedUntil(String login, String address) {
        Instant now = clock.instant();
        return java.util.stream.Stream.of(loginKey(login), address == null ? null : addressKey(address))
                .filter(java.util.Objects::nonNull)
                .flatMap(key -> attempts.findById(key).stream())
                .filter(a -> a.isLockedAt(now))
                .map(SignInAttempts::lockedUntil)
                .max(Instant::compareTo);
    }

    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void recordFailure(String login, String address) {
        count(loginKey(login), properties.maxFailures());
        if (address != null) {
            count(addressKey(address), properties.maxFailuresPerAddress());
        }
    }

    /** A correct password clears the name's count (not the address's: one success must not reset spraying). */
    @Transactional
    public void recordSuccess(String login) {
        attempts.findById(loginKey(login)).ifPresent(attempts::delete);
    }

    private void count(String key, int max) {
        try {
            tx.executeWithoutResult(status -> fail(key, max));
        } catch (DataIntegrityViolationException raced) {
            // Another node inserted the first failure of this key at the same moment: count again.
            tx.executeWithoutResult(status -> fail(key, max));
        }
    }

    private void fail(String key, int max) {
        Instant now = clock.instant();
        SignInAttempts record = attempts.lockByKey(key).orElseGet(() -> new SignInAttempts(key, now));
        if (record.fail(now, properties.window(), max, properties.duration())) {
            audit.record(AuditRecord.failure("signin.locked", key, "until=" + record.lockedUntil()));
        }
        attempts.saveAndFlush(record);
    }

    private static String loginKey(String login) {
        String normalized = login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
        return "login:" + (normalized.length() > 250 ? normalized.substring(0, 250) : normalized);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
