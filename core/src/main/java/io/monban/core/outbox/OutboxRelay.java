package io.monban.core.outbox;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: woken right after a commit that queued something, and on a schedule for
 * retries and for what other nodes queued. Any number of nodes may run it: a node takes a
 * message by a conditional update that sets a lease (the same statement on H2 and PostgreSQL,
 * and only one node's update can match), so each attempt is made by one node; a node that dies
 * mid-delivery loses its lease and another retries. Messages about one user at one target go out
 * in the order they were queued.
 */
@Component
public class OutboxRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final OutboxProperties properties;
    private final Map<String, OutboxChannel> channels;
    private final ExecutorService worker;
    private final ExecutorService deliveries;
    private final Semaphore slots;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final String node = UUID.randomUUID().toString();

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, AuditLog audit, Clock clock,
                       OutboxProperties properties, List<OutboxChannel> channels) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.channels = channels.stream().collect(Collectors.toMap(OutboxChannel::name, Function.identity()));
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger threads = new AtomicInteger();
        this.deliveries = Executors.newFixedThreadPool(properties.workers(), r -> {
            Thread thread = new Thread(r, "outbox-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(properties.workers());
    }

    /**
     * Asks for a round soon, on the relay's own thread (rounds never overlap). A round hands the
     * due messages to the delivery threads and returns; a delivery that ends asks for another
     * round. So an application that answers slowly holds one delivery thread, not the others'
     * messages (a leaver is closed everywhere else meanwhile).
     */
    public void wake() {
        if (!properties.deliveryEnabled() || worker.isShutdown() || deliveries.isShutdown()) {
            return;
        }
        again.set(true);
        if (scheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);
            }
        }
    }

    @Scheduled(fixedDelayString = "${monban.outbox.poll-interval:5s}", initialDelayString = "${monban.outbox.poll-interval:5s}")
    void poll() {
        wake();
    }

    private void drain() {
        try {
            while (again.getAndSet(false) && !worker.isShutdown()) {
                int started;
                do {
                    started = deliverDue();
                } while (started > 0 && !worker.isShutdown());
            }
        } catch (RuntimeException e) {
            log.warn("outbox round failed error={}", e.toString());
        } finally {
            scheduled.set(false);
            if (again.get()) {
                wake();
            }
        }
    }

    /**
     * One round: starts the delivery of each due message this node can take while a delivery
     * thread is free; returns how many it started. Each is taken just before it starts, so that
     * its lease covers its own attempt.
     */
    public int deliverDue() {
        int started = 0;
        for (OutboxMessage message : findDue()) {
            if (!slots.tryAcquire()) {
                break;
            }
            if (!claim(message)) {
                slots.release();
                continue;
            }
            try {
                deliveries.execute(() -> {
                    try {
                        attempt(message);
                    } catch (RuntimeException e) {
                        // Recording failed (database away): the lease runs out and the message is retried.
                        log.warn("outbox outcome not recorded message={} error={}", message.id(), e.toString());
                    } finally {
                        slots.release();
                        wake();
                    }
                });
                started++;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                slots.release();
                release(message); // shutting down: free for the next node or the next start at once
                break;
            }
        }
        return started;
    }

    /** Takes every due message this node can get, without delivering (tests, tools). */
    public List<OutboxMessage> claimDue() {
        return findDue().stream().filter(this::claim).toList();
    }

    /**
     * Up to a batch of due messages: the oldest pending one of each user at each target (a later
     * one waits for it, so a deactivation never overtakes the creation), not held by a live lease.
     */
    private List<OutboxMessage> findDue() {
        Instant now = clock.instant();
        JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
        limited.setMaxRows(properties.batchSize());
        return limited.query("""
                SELECT o.id, o.channel, o.target, o.user_id, o.operation, o.payload, o.attempts FROM mb_outbox o
                WHERE o.status = 'PENDING' AND o.next_attempt_at <= ?
                  AND (o.claimed_until IS NULL OR o.claimed_until < ?)
                  AND NOT EXISTS (SELECT 1 FROM mb_outbox e WHERE e.channel = o.channel AND e.target = o.target
                                  AND e.user_id = o.user_id AND e.status = 'PENDING' AND e.id < o.id)
                ORDER BY o.id""",
                (rs, row) -> new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getInt(7)),
                Timestamp.from(now), Timestamp.from(now));
    }

    /** A conditional update: of nodes racing for one message, exactly one matches. */
    private boolean claim(OutboxMessage message) {
        Instant now = clock.instant();
        return jdbc.update("""
                UPDATE mb_outbox SET claimed_by = ?, claimed_until = ?
                WHERE id = ? AND status = 'PENDING' AND attempts = ? AND (claimed_until IS NULL OR claimed_until < ?)""",
                node, Timestamp.from(now.plus(properties.lease())), message.id(), message.attempts(),
                Timestamp.from(now)) == 1;
    }

    /** Delivered messages are kept a while for the record, then deleted; failed ones stay until handled. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    void purgeDelivered() {
        int purged = jdbc.update("DELETE FROM mb_outbox WHERE status = 'DELIVERED' AND delivered_at < ?",
                Timestamp.from(clock.instant().minus(properties.retention())));
        if (purged > 0) {
            log.info("outbox purged delivered={}", purged);
        }
    }

    private void attempt(OutboxMessage message) {
        OutboxChannel channel = channels.get(message.channel());
        Delivery outcome;
        if (channel == null) {
            outcome = Delivery.failed("no channel " + message.channel() + " on this node");
        } else {
            try {
                outcome = channel.deliver(message);
            } catch (RuntimeException e) {
                outcome = Delivery.retry(e.getClass().getSimpleName());
                log.warn("outbox delivery threw channel={} target={} message={} error={}", message.channel(),
                        message.target(), message.id(), e.toString());
            }
        }
        record(message, outcome);
    }

    private void record(OutboxMessage message, Delivery outcome) {
        Instant now = clock.instant();
        int attempts = message.attempts() + 1;
        String subject = message.channel() + ":" + message.target();
        String details = "user=" + message.userId() + " operation=" + message.operation() + " attempt=" + attempts;
        tx.executeWithoutResult(status -> {
            if (outcome instanceof Delivery.Delivered) {
                if (update("status = 'DELIVERED', delivered_at = ?, last_error = NULL", message, attempts,
                        Timestamp.from(now))) {
                    audit.record(AuditRecord.success("outbox.delivered", subject, details));
                }
            } else if (outcome instanceof Delivery.Retry retry && attempts < properties.maxAttempts()) {
                Instant next = now.plus(properties.backoff(attempts));
                update("next_attempt_at = ?, last_error = ?", message, attempts, Timestamp.from(next),
                        cut(retry.reason()));
                log.info("outbox delivery will be retried channel={} target={} message={} attempt={} next={} reason={}",
                        message.channel(), message.target(), message.id(), attempts, next, retry.reason());
            } else {
                String reason = outcome instanceof Delivery.Retry retry ? retry.reason()
                        : ((Delivery.Failed) outcome).reason();
                fail(message, attempts, subject, details, reason);
            }
        });
    }

    private void fail(OutboxMessage message, int attempts, String subject, String details, String reason) {
        if (update("status = 'FAILED', last_error = ?", message, attempts, cut(reason))) {
            audit.record(AuditRecord.failure("outbox.failed", subject, details + " error=" + cut(reason)));
            log.warn("outbox delivery failed for good channel={} target={} message={} attempts={} reason={}",
                    message.channel(), message.target(), message.id(), attempts, reason);
        }
    }

    /** Applies an outcome only while this node still holds the message. */
    private boolean update(String assignments, OutboxMessage message, int attempts, Object... values) {
        Object[] args = new Object[values.length + 4];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = attempts;
        args[values.length + 1] = Timestamp.from(clock.instant());
        args[values.length + 2] = message.id();
        args[values.length + 3] = node;
        return jdbc.update("UPDATE mb_outbox SET " + assignments + ", attempts = ?, last_attempt_at = ?, "
                + "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?", args) == 1;
    }

    private static String cut(String reason) {
        String text = reason == null ? "unknown error" : reason;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    private void release(OutboxMessage message) {
        jdbc.update("UPDATE mb_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                message.id(), node);
    }

    /**
     * Lets the deliveries under way finish and record their outcome, then gives back what this
     * node still holds, so that another node (or this one restarted) need not wait for the lease.
     */
    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        boolean roundsEnded = worker.awaitTermination(5, TimeUnit.SECONDS);
        deliveries.shutdown();
        boolean deliveriesEnded = deliveries.awaitTermination(5, TimeUnit.SECONDS);
        if (roundsEnded && deliveriesEnded) {
            jdbc.update("UPDATE mb_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", node);
        }
    }
}
