package io.monban.core.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the append-only audit log; {@code hash} chains it to the line before. */
@Entity
@Table(name = "mb_audit_event")
public class AuditEvent {

    @Id
    private Long id;
    private Instant occurredAt;
    private String actor;
    private String action;
    private String target;
    private String ip;
    private String outcome;
    private String details;
    private String prevHash;
    private String hash;

    protected AuditEvent() {
    }

    AuditEvent(long id, Instant occurredAt, AuditRecord record, String actor, String ip, String prevHash) {
        this.id = id;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = record.action();
        this.target = record.target();
        this.ip = ip;
        this.outcome = record.outcome().name();
        this.details = record.details();
        this.prevHash = prevHash;
        this.hash = AuditChain.hash(this);
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getIp() {
        return ip;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getDetails() {
        return details;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }
}
