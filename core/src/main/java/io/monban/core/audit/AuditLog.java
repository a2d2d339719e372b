package io.monban.core.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends audit events. Called inside the service transaction that made the change, so the
 * event and the change commit or roll back together.
 */
@Service
public class AuditLog {

    private final AuditEventRepository events;
    private final AuditHeadRepository head;
    private final AuditActor actor;
    private final Clock clock;

    public AuditLog(AuditEventRepository events, AuditHeadRepository head, AuditActor actor, Clock clock) {
        this.events = events;
        this.head = head;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEvent record(AuditRecord record) {
        return append(record);
    }

    /** For events that are not part of a change, such as a refused sign-in. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditEvent recordAlone(AuditRecord record) {
        return append(record);
    }

    private AuditEvent append(AuditRecord record) {
        AuditHead end = head.lockHead().orElseThrow(() -> new IllegalStateException("audit head row missing"));
        // Microseconds: what every supported database stores, so the hash survives the round trip.
        AuditEvent event = new AuditEvent(end.getLastId() + 1, clock.instant().truncatedTo(ChronoUnit.MICROS), record,
                actor.name(), actor.ip(), end.getLastHash());
        events.save(event);
        end.advance(event);
        return event;
    }
}
