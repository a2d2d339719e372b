package io.monban.core.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * A user was created, or its attributes, memberships or status changed in a way that keeps or
 * restores access (losing access is {@link UserDeprovisioned}). Published inside the transaction
 * of the change, like {@link UserDeprovisioned}; downstream provisioning reacts to it.
 */
public record UserChanged(UUID userId, boolean created, Instant at) {
}
