package io.monban.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The counters in {@code mb_lockout_counter}. Every change is one guarded statement that the
 * database applies atomically, so nodes and threads racing on one key can never pass its limit
 * together. Statements run outside any caller's transaction: a counter must count even when the
 * caller's work is rolled back, and a lost insert race must not spoil a PostgreSQL transaction.
 */
@Repository
class LockoutCounters {

    /** A reservation taken: {@code last} when it used up the limit (and so set the lock). */
    enum Taken { RESERVED, LAST, REFUSED }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate outside;

    LockoutCounters(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.outside = new TransactionTemplate(transactions);
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    Taken reserve(LockoutKey key, int limit, Instant now, Duration window, Duration lock) {
        return outside.execute(status -> {
            createIfAbsent(key, now);
            // A lock that ran out, or a window that passed, starts the count afresh.
            jdbc.update("UPDATE mb_lockout_counter SET attempts = 0, window_started_at = ?, locked_until = NULL"
                            + " WHERE kind = ? AND subject = ? AND (locked_until <= ?"
                            + " OR (locked_until IS NULL AND window_started_at <= ?))",
                    at(now), key.kind(), key.subject(), at(now), at(now.minus(window)));
            if (jdbc.update("UPDATE mb_lockout_counter SET attempts = attempts + 1"
                    + " WHERE kind = ? AND subject = ? AND attempts < ?", key.kind(), key.subject(), limit - 1) == 1) {
                return Taken.RESERVED;
            }
            if (jdbc.update("UPDATE mb_lockout_counter SET attempts = attempts + 1, locked_until = ?"
                    + " WHERE kind = ? AND subject = ? AND attempts = ?",
                    at(now.plus(lock)), key.kind(), key.subject(), limit - 1) == 1) {
                return Taken.LAST;
            }
            return Taken.REFUSED;
        });
    }

    /** Gives one reservation back; below the limit again, the key is no longer locked. */
    void giveBack(LockoutKey key, int limit) {
        outside.executeWithoutResult(status -> jdbc.update("UPDATE mb_lockout_counter SET attempts = attempts - 1,"
                        + " locked_until = CASE WHEN attempts - 1 < ? THEN NULL ELSE locked_until END"
                        + " WHERE kind = ? AND subject = ? AND attempts > 0", limit, key.kind(), key.subject()));
    }

    void clear(LockoutKey key) {
        outside.executeWithoutResult(status -> jdbc.update(
                "DELETE FROM mb_lockout_counter WHERE kind = ? AND subject = ?", key.kind(), key.subject()));
    }

    private void createIfAbsent(LockoutKey key, Instant now) {
        try {
            jdbc.update("INSERT INTO mb_lockout_counter (kind, subject, attempts, window_started_at)"
                            + " SELECT ?, ?, 0, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM mb_lockout_counter WHERE kind = ? AND subject = ?)",
                    key.kind(), key.subject(), at(now), key.kind(), key.subject());
        } catch (DuplicateKeyException raced) {
            // Another thread or node created it at the same moment: the row exists, which is all we need.
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
