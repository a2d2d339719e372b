package io.monban.core.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;
import java.time.Instant;

/** One line of the append-only audit log; {@code hash} chains it to the line before. */
@Entity
@Table(name = "mb_audit_event")
public class AuditEvent implements Persistable<Long> {

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

    /** Audit lines are only ever inserted: save() must not first look for one with this id. */
    @Transient
    private boolean fresh;

    protected AuditEvent() {
    }

    AuditEvent(long id, Instant occurredAt, AuditRecord record, String actor, String ip, String prevHash) {
        this.id = id;
        this.occurredAt = occurredAt;
        this.actor = cut(actor, 200);
        this.action = record.action();
        // Columns are bounded; an overlong value is cut rather than failing the change it records.
        this.target = cut(record.target(), 400);
        this.ip = cut(ip, 64);
        this.outcome = record.outcome().name();
        this.details = cut(record.details(), 2000);
        this.prevHash = prevHash;
        this.hash = AuditChain.hash(this);
        this.fresh = true;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    void markStored() {
        fresh = false;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
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
