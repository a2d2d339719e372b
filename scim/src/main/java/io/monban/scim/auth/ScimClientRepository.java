package io.monban.scim.auth;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ScimClientRepository extends JpaRepository<ScimClient, UUID> {

    Optional<ScimClient> findByTokenHash(String tokenHash);

    Optional<ScimClient> findByName(String name);
}
