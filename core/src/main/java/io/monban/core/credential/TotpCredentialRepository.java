package io.monban.core.credential;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface TotpCredentialRepository extends JpaRepository<TotpCredential, UUID> {

    /** Locked, so that two nodes cannot both accept the same code. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from TotpCredential t where t.userId = :userId")
    Optional<TotpCredential> lockByUserId(UUID userId);
}
