package io.monban.core.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: a message is written in the transaction of the change it announces,
 * so it exists exactly when the change does (a rollback leaves nothing queued, a crash after the
 * commit loses nothing). {@link OutboxRelay} delivers it afterwards.
 */
@Service
public class Outbox {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;

    public Outbox(JdbcTemplate jdbc, Clock clock, ObjectProvider<OutboxRelay> relay) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.relay = relay;
    }

    /** Queues a message; only inside the transaction of the change it belongs to. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(String channel, String target, UUID userId, String operation, String payload) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO mb_outbox (channel, target, user_id, operation, payload, status, attempts, "
                        + "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
                channel, target, userId, operation, payload, PENDING, now, now);
        // Deliver right after the commit rather than at the next poll: a leaver's downstream
        // accounts should be closed within a second.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.ifAvailable(OutboxRelay::wake);
                }
            });
        }
    }

    /** Per target of the channel: messages pending, delivered and failed, and the latest error. */
    @Transactional(readOnly = true)
    public List<OutboxSummary> summary(String channel) {
        return summaries("WHERE channel = ?", channel);
    }

    /** Per channel and target (every application messages go to): what {@link #summary(String)} says. */
    @Transactional(readOnly = true)
    public List<OutboxSummary> summary() {
        return summaries("");
    }

    private List<OutboxSummary> summaries(String where, Object... args) {
        List<Object[]> counts = jdbc.query("""
                SELECT channel, target,
                       SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'DELIVERED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)
                FROM mb_outbox""" + " " + where + " GROUP BY channel, target ORDER BY channel, target",
                (rs, row) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)}, args);
        List<OutboxSummary> result = new ArrayList<>();
        for (Object[] c : counts) {
            String channel = (String) c[0];
            String target = (String) c[1];
            Optional<Object[]> last = jdbc.query("""
                    SELECT last_error, last_attempt_at FROM mb_outbox
                    WHERE channel = ? AND target = ? AND last_error IS NOT NULL ORDER BY id DESC""",
                    rs -> rs.next() ? Optional.of(new Object[] {rs.getString(1), rs.getTimestamp(2)})
                            : Optional.<Object[]>empty(), channel, target);
            result.add(new OutboxSummary(channel, target, (Long) c[2], (Long) c[3], (Long) c[4],
                    last.map(l -> (String) l[0]), last.map(l -> ((Timestamp) l[1]).toInstant())));
        }
        return result;
    }
}
