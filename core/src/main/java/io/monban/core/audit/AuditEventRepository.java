package io.monban.core.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

    List<AuditEvent> findByOccurredAtBetweenOrderByIdAsc(Instant from, Instant to, Pageable page);

    List<AuditEvent> findByActionOrderByIdAsc(String action);

    List<AuditEvent> findAllByOrderByIdAsc();
}
