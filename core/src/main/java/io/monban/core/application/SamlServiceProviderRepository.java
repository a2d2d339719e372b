package io.monban.core.application;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SamlServiceProviderRepository extends JpaRepository<SamlServiceProvider, UUID> {

    Optional<SamlServiceProvider> findByEntityId(String entityId);
}
