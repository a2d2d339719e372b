package io.monban.core.policy;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface SignInAttemptRepository extends JpaRepository<SignInAttempts, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from SignInAttempts a where a.attemptKey = :key")
    Optional<SignInAttempts> lockByKey(String key);
}
