package io.monban.core.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * A user lost access: suspended, deprovisioned or deleted. Published inside the transaction of
 * the change, so a listener can add to that transaction (an outbox row) with {@code @EventListener}
 * or act once it is durable (end sessions, revoke tokens) with
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT)}.
 */
public record UserDeprovisioned(UUID userId, UserStatus status, boolean deleted, Instant at) {
}
