package io.monban.core.crypto;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A token-signing key. Published in JWKS from creation until {@code removesAt}; signs from
 * {@code activatesAt} until {@code retiresAt}. The private part is stored only encrypted.
 */
@Entity
@Table(name = "mb_signing_key")
public class SigningKey {

    @Id
    private String kid;
    private String algorithm;
    private String publicJwk;
    private String privateKeyEnc;
    private Instant createdAt;
    private Instant activatesAt;
    private Instant retiresAt;
    private Instant removesAt;

    protected SigningKey() {
    }

    SigningKey(String kid, String algorithm, String publicJwk, String privateKeyEnc, Instant createdAt,
               Instant activatesAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicJwk = publicJwk;
        this.privateKeyEnc = privateKeyEnc;
        this.createdAt = createdAt;
        this.activatesAt = activatesAt;
    }

    public String getKid() {
        return kid;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getPublicJwk() {
        return publicJwk;
    }

    String getPrivateKeyEnc() {
        return privateKeyEnc;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getActivatesAt() {
        return activatesAt;
    }

    public Optional<Instant> getRetiresAt() {
        return Optional.ofNullable(retiresAt);
    }

    public Optional<Instant> getRemovesAt() {
        return Optional.ofNullable(removesAt);
    }

    void retire(Instant retiresAt, Instant removesAt) {
        this.retiresAt = retiresAt;
        this.removesAt = removesAt;
    }

    public boolean isPublishedAt(Instant now) {
        return removesAt == null || now.isBefore(removesAt);
    }

    public boolean isSigningAt(Instant now) {
        return !now.isBefore(activatesAt) && (retiresAt == null || now.isBefore(retiresAt));
    }
}
