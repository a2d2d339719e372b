package io.monban.core.credential;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RecoveryCodeRepository extends JpaRepository<RecoveryCode, Long> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from RecoveryCode r where r.userId = :userId and r.codeHash = :codeHash")
    Optional<RecoveryCode> lockByUserIdAndCodeHash(UUID userId, String codeHash);

    @Modifying
    @Query("delete from RecoveryCode r where r.userId = :userId")
    void deleteByUserId(UUID userId);

    long countByUserIdAndUsedAtIsNull(UUID userId);
}
