package io.monban.core.credential;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "mb_recovery_code")
public class RecoveryCode {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID userId;
    private String codeHash;
    private Instant usedAt;
    private Instant createdAt;

    protected RecoveryCode() {
    }

    RecoveryCode(UUID userId, String codeHash, Instant createdAt) {
        this.userId = userId;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
    }

    boolean isUsed() {
        return usedAt != null;
    }

    void use(Instant now) {
        this.usedAt = now;
    }
}
