package io.monban.scim.auth;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.crypto.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers SCIM clients, checks their bearer tokens, and revokes them. */
@Service
public class ScimClients {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScimClientRepository clients;
    private final AuditLog audit;
    private final Clock clock;

    public ScimClients(ScimClientRepository clients, AuditLog audit, Clock clock) {
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
    }

    /** 256 random bits, URL-safe: what a generated token is. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public List<String> validate(ScimClientSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9._:-]{1,100}")) {
            problems.add("name: required, 1-100 of A-Z a-z 0-9 . _ : -");
        }
        if (spec.scopes() == null || spec.scopes().isEmpty()) {
            problems.add("scopes: give read, write or both");
        }
        if (spec.token() != null && spec.tokenHash() != null) {
            problems.add("give at most one of token, tokenHash, generateToken");
        }
        if (spec.token() != null && spec.token().length() < 32) {
            problems.add("token: at least 32 characters");
        }
        if (spec.tokenHash() != null && !spec.tokenHash().matches("[0-9a-f]{64}")) {
            problems.add("tokenHash: the lower-case hex SHA-256 of the token (64 characters)");
        }
        if (spec.lifetime() != null && (spec.lifetime().isNegative() || spec.lifetime().isZero())) {
            problems.add("expiresInDays: must be positive");
        }
        return problems;
    }

    /**
     * Creates the client, or brings an existing one (same name) to the given scopes and expiry.
     * A token given in the spec replaces the stored one; without one, an existing client keeps its
     * token and a new client needs one ({@link #newToken()}).
     */
    @Transactional
    public ScimClient upsert(ScimClientSpec spec) {
        List<String> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Instant now = clock.instant();
        String hash = spec.token() != null ? Sha256.hex(spec.token()) : spec.tokenHash();
        Optional<ScimClient> existing = clients.findByName(spec.name());
        if (existing.isEmpty()) {
            if (hash == null) {
                throw new IllegalArgumentException("a new SCIM client needs a token, tokenHash or generateToken");
            }
            ScimClient client = clients.save(new ScimClient(spec.name(), hash, spec.scopes(),
                    spec.lifetime() == null ? null : now.plus(spec.lifetime()), now));
            audit.record(AuditRecord.success("scim.client.created", spec.name(), "scopes=" + spec.scopes()));
            return client;
        }
        ScimClient client = existing.get();
        boolean changed = !client.getScopes().equals(spec.scopes());
        client.setScopes(spec.scopes());
        Instant expiry = spec.lifetime() == null ? null : client.getCreatedAt().plus(spec.lifetime());
        if (!java.util.Objects.equals(expiry, client.getExpiresAt().orElse(null))) {
            client.setExpiresAt(expiry);
            changed = true;
        }
        if (hash != null && !hash.equals(client.getTokenHash())) {
            client.replaceToken(hash);
            changed = true;
        }
        if (changed) {
            audit.record(AuditRecord.success("scim.client.updated", spec.name(), "scopes=" + spec.scopes()));
        }
        return client;
    }

    @Transactional(readOnly = true)
    public Optional<ScimClient> find(String name) {
        return clients.findByName(name);
    }

    @Transactional
    public void revoke(String name) {
        ScimClient client = clients.findByName(name)
                .orElseThrow(() -> new IllegalArgumentException("no SCIM client " + name));
        if (client.getRevokedAt().isEmpty()) {
            client.revoke(clock.instant());
            audit.record(AuditRecord.success("scim.client.revoked", name, null));
        }
    }

    /**
     * The client whose token this is, if it is neither revoked nor expired. Found by the token's
     * SHA-256 (the stored form), then compared in constant time.
     */
    @Transactional(readOnly = true)
    public Optional<ScimClient> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 512) {
            return Optional.empty();
        }
        String hash = Sha256.hex(token);
        return clients.findByTokenHash(hash)
                .filter(c -> MessageDigest.isEqual(c.getTokenHash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(c -> c.isUsable(clock.instant()));
    }
}
