package io.monban.core.credential;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's TOTP authenticator: unconfirmed until the user proves it with a first code. */
@Entity
@Table(name = "mb_totp_credential")
public class TotpCredential {

    @Id
    private UUID userId;
    private String secretEnc;
    private boolean confirmed;
    private long lastUsedStep;
    private Instant createdAt;

    protected TotpCredential() {
    }

    TotpCredential(UUID userId, String secretEnc, Instant createdAt) {
        this.userId = userId;
        this.secretEnc = secretEnc;
        this.createdAt = createdAt;
    }

    UUID getUserId() {
        return userId;
    }

    String getSecretEnc() {
        return secretEnc;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isConfirmed() {
        return confirmed;
    }

    void confirm() {
        this.confirmed = true;
    }

    long getLastUsedStep() {
        return lastUsedStep;
    }

    void use(long step) {
        this.lastUsedStep = step;
    }
}
