package io.monban.core.outbox;

import java.util.UUID;

/**
 * One message waiting in the outbox, as a channel receives it for delivery.
 *
 * @param channel   which {@link OutboxChannel} delivers it (e.g. {@code scim}, {@code backchannel-logout})
 * @param target    where, in the channel's terms (a provisioning target's name, a client id)
 * @param userId    whom it is about; messages of one channel, target and user are delivered in order
 * @param operation what to do, in the channel's terms (e.g. {@code upsert}, {@code deactivate})
 * @param payload   what the channel needs to build the request (secret-free), or null
 * @param attempts  deliveries tried before this one
 */
public record OutboxMessage(long id, String channel, String target, UUID userId, String operation, String payload,
                            int attempts) {
}
