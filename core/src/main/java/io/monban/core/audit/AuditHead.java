package io.monban.core.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of the chain; writers lock this row so that every node appends in one order. */
@Entity
@Table(name = "mb_audit_head")
class AuditHead {

    @Id
    private Integer id;
    private long lastId;
    private String lastHash;

    protected AuditHead() {
    }

    long getLastId() {
        return lastId;
    }

    String getLastHash() {
        return lastHash;
    }

    void advance(AuditEvent event) {
        this.lastId = event.getId();
        this.lastHash = event.getHash();
    }
}
