package io.monban.core.policy;

import org.springframework.data.jpa.repository.JpaRepository;

interface MfaPolicyRepository extends JpaRepository<MfaPolicyRow, Integer> {
}
