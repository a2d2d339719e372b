package io.monban.core.credential;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WebAuthnCredentialRepository extends JpaRepository<WebAuthnCredential, UUID> {

    List<WebAuthnCredential> findByUserIdOrderByCreatedAt(UUID userId);

    Optional<WebAuthnCredential> findByCredentialId(String credentialId);

    boolean existsByUserIdAndClonedAtIsNull(UUID userId);

    long deleteByUserId(UUID userId);
}
