package io.monban.core.outbox;

import java.time.Instant;
import java.util.Optional;

/** What an administrator sees of one target's deliveries. */
public record OutboxSummary(String channel, String target, long pending, long delivered, long failed,
                            Optional<String> lastError, Optional<Instant> lastErrorAt) {
}
