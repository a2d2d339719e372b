package io.monban.core.credential;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A registered WebAuthn authenticator. Only what verification needs is kept: the credential id,
 * the COSE public key, and the highest signature counter seen.
 */
@Entity
@Table(name = "mb_webauthn_credential")
public class WebAuthnCredential {

    @Id
    private UUID id;
    private UUID userId;
    private String credentialId;
    private String publicKey;
    private String aaguid;
    private long signCount;
    private boolean uvInitialized;
    private boolean backupEligible;
    private boolean discoverable;
    private String transports;
    private String label;
    private Instant createdAt;
    private Instant lastUsedAt;
    private Instant clonedAt;

    protected WebAuthnCredential() {
    }

    WebAuthnCredential(UUID userId, NewWebAuthnCredential spec, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.credentialId = spec.credentialId();
        this.publicKey = spec.publicKeyCose();
        this.aaguid = spec.aaguid();
        this.signCount = spec.signCount();
        this.uvInitialized = spec.userVerified();
        this.backupEligible = spec.backupEligible();
        this.discoverable = spec.discoverable();
        this.transports = String.join(" ", spec.transports());
        this.label = spec.label();
        this.createdAt = now;
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    /** Base64url, as the browser sends it. */
    public String getCredentialId() {
        return credentialId;
    }

    /** The COSE key, base64. */
    public String getPublicKey() {
        return publicKey;
    }

    public String getAaguid() {
        return aaguid;
    }

    public long getSignCount() {
        return signCount;
    }

    public boolean isUvInitialized() {
        return uvInitialized;
    }

    /** A synced passkey (it may be copied to the user's other devices), not a device-bound key. */
    public boolean isBackupEligible() {
        return backupEligible;
    }

    public boolean isDiscoverable() {
        return discoverable;
    }

    public java.util.List<String> getTransports() {
        return transports.isBlank() ? java.util.List.of() : java.util.List.of(transports.split(" "));
    }

    public String getLabel() {
        return label;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Optional<Instant> getLastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    /** When a counter going backwards showed the credential may have been cloned; refused since. */
    public Optional<Instant> getClonedAt() {
        return Optional.ofNullable(clonedAt);
    }

    void used(long newSignCount, Instant now) {
        this.signCount = newSignCount;
        this.lastUsedAt = now;
    }

    void markCloned(Instant now) {
        this.clonedAt = now;
    }
}
