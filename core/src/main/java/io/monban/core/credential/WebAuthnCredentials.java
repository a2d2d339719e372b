package io.monban.core.credential;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The WebAuthn authenticators of users: each change is one transaction with its audit event. */
@Service
public class WebAuthnCredentials {

    /** More would only make a stolen session's planted key harder to spot. */
    public static final int MAX_PER_USER = 20;

    private final WebAuthnCredentialRepository credentials;
    private final AuditLog audit;
    private final Clock clock;

    public WebAuthnCredentials(WebAuthnCredentialRepository credentials, AuditLog audit, Clock clock) {
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<WebAuthnCredential> of(UUID userId) {
        return credentials.findByUserIdOrderByCreatedAt(userId);
    }

    /** Whether the user has a key that may still be used. */
    @Transactional(readOnly = true)
    public boolean hasUsable(UUID userId) {
        return credentials.existsByUserIdAndClonedAtIsNull(userId);
    }

    @Transactional(readOnly = true)
    public Optional<WebAuthnCredential> byCredentialId(String credentialId) {
        return credentials.findByCredentialId(credentialId);
    }

    @Transactional
    public WebAuthnCredential register(UUID userId, NewWebAuthnCredential spec) {
        if (credentials.findByCredentialId(spec.credentialId()).isPresent()) {
            throw new CredentialRejectedException("this authenticator is already registered");
        }
        if (credentials.findByUserIdOrderByCreatedAt(userId).size() >= MAX_PER_USER) {
            throw new CredentialRejectedException("at most " + MAX_PER_USER + " authenticators per user");
        }
        WebAuthnCredential credential = credentials.save(new WebAuthnCredential(userId, spec, clock.instant()));
        audit.record(AuditRecord.success("mfa.webauthn.registered", userId.toString(),
                "credential=" + credential.getId() + " discoverable=" + spec.discoverable()));
        return credential;
    }

    /** A verified assertion: the counter moves forward. */
    @Transactional
    public void recordUse(UUID id, long newSignCount) {
        credentials.findById(id).ifPresent(c -> c.used(Math.max(c.getSignCount(), newSignCount), clock.instant()));
    }

    /** Its counter went backwards: refuse it from now on, and tell the auditors. */
    @Transactional
    public void markCloned(UUID id, long storedCount, long presentedCount) {
        credentials.findById(id).filter(c -> c.getClonedAt().isEmpty()).ifPresent(c -> {
            c.markCloned(clock.instant());
            audit.record(AuditRecord.failure("mfa.webauthn.cloned", c.getUserId().toString(),
                    "credential=" + id + " stored=" + storedCount + " presented=" + presentedCount));
        });
    }

    /** Removes one of the user's own keys; another user's key id changes nothing. */
    @Transactional
    public boolean remove(UUID userId, UUID id) {
        Optional<WebAuthnCredential> credential = credentials.findById(id).filter(c -> c.getUserId().equals(userId));
        credential.ifPresent(c -> {
            credentials.delete(c);
            audit.record(AuditRecord.success("mfa.webauthn.removed", userId.toString(), "credential=" + id));
        });
        return credential.isPresent();
    }
}
