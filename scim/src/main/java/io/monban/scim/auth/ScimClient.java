package io.monban.scim.auth;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A connector allowed to provision over SCIM, known by the hash of its bearer token. */
@Entity
@Table(name = "mb_scim_client")
public class ScimClient {

    @Id
    private UUID id;
    private String name;
    private String tokenHash;
    /** Space-separated {@link ScimScope} values. */
    private String scopes;
    private Instant expiresAt;
    private Instant revokedAt;
    private Instant createdAt;

    protected ScimClient() {
    }

    ScimClient(String name, String tokenHash, Set<ScimScope> scopes, Instant expiresAt, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.tokenHash = tokenHash;
        setScopes(scopes);
        this.expiresAt = expiresAt;
        this.createdAt = now;
    }

    public String getName() {
        return name;
    }

    public Set<ScimScope> getScopes() {
        return Arrays.stream(scopes.split(" ")).filter(s -> !s.isBlank()).map(ScimScope::of)
                .collect(Collectors.toSet());
    }

    void setScopes(Set<ScimScope> scopes) {
        this.scopes = scopes.stream().map(ScimScope::value).sorted().collect(Collectors.joining(" "));
    }

    public Optional<Instant> getExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Optional<Instant> getRevokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    void revoke(Instant now) {
        this.revokedAt = now;
    }

    String getTokenHash() {
        return tokenHash;
    }

    void replaceToken(String tokenHash) {
        this.tokenHash = tokenHash;
        this.revokedAt = null;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    boolean isUsable(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
