package io.monban.core.application;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApplicationRepository extends JpaRepository<Application, UUID> {

    Optional<Application> findByProtocolAndProtocolRef(ApplicationProtocol protocol, String protocolRef);
}
