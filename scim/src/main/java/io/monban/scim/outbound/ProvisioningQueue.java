package io.monban.scim.outbound;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.Group;
import io.monban.core.directory.User;
import io.monban.core.directory.UserChanged;
import io.monban.core.directory.UserDeprovisioned;
import io.monban.core.directory.UserStatus;
import io.monban.core.outbox.Outbox;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues provisioning for the downstream applications a user is assigned to, in the transaction
 * of the directory change (a plain listener: the directory publishes inside its transaction), so
 * a change is queued exactly when it commits. The message carries the user as the target's
 * mapping renders it at that moment, so a later deletion does not keep it from being delivered.
 */
@Component
class ProvisioningQueue {

    private final ProvisioningTargetStore targets;
    private final Outbox outbox;
    private final DirectoryService directory;

    ProvisioningQueue(ProvisioningTargetStore targets, Outbox outbox, DirectoryService directory) {
        this.targets = targets;
        this.outbox = outbox;
        this.directory = directory;
    }

    @EventListener
    void on(UserChanged event) {
        Optional<User> user = directory.findWithGroups(event.userId());
        if (user.isEmpty()) {
            return;
        }
        for (ProvisioningTarget target : targets.enabled()) {
            if (isAssigned(target, user.get())) {
                upsert(target, user.get());
            } else if (targets.isProvisioned(target, event.userId())) {
                // No longer assigned (left the group, assignment removed): the account closes downstream.
                enqueue(target, event.userId(), Operation.DEACTIVATE, user);
            }
        }
    }

    @EventListener
    void on(UserDeprovisioned event) {
        Optional<User> user = directory.findWithGroups(event.userId());
        Operation operation = event.deleted() ? Operation.DELETE : Operation.DEACTIVATE;
        for (ProvisioningTarget target : targets.enabled()) {
            boolean assigned = user.isPresent() && isAssigned(target, user.get());
            if (assigned || targets.isProvisioned(target, event.userId())) {
                enqueue(target, event.userId(), operation, user);
            }
        }
    }

    /** Creates or updates the user downstream; an inactive user is only updated, never created. */
    void upsert(ProvisioningTarget target, User user) {
        if (user.getStatus() == UserStatus.ACTIVE || targets.isProvisioned(target, user.getId())) {
            enqueue(target, user.getId(), Operation.UPSERT, Optional.of(user));
        }
    }

    void deactivate(ProvisioningTarget target, UUID userId) {
        enqueue(target, userId, Operation.DEACTIVATE, directory.findWithGroups(userId));
    }

    private void enqueue(ProvisioningTarget target, UUID userId, Operation operation, Optional<User> user) {
        boolean active = operation == Operation.UPSERT && user.map(u -> u.getStatus() == UserStatus.ACTIVE).orElse(false);
        String payload = user.map(u -> target.mapping().resource(u, active).toString()).orElse(null);
        if (operation == Operation.UPSERT && payload != null && targets.lastMessage(target, userId)
                .filter(last -> payload.equals(last.payload())).isPresent()) {
            // The same state is already on its way or delivered (e.g. the bootstrap file applied
            // again, or a suspended user's unchanged attributes after a deactivation).
            return;
        }
        outbox.enqueue(ScimProvisioningChannel.NAME, target.name(), userId, operation.value(), payload);
    }

    private boolean isAssigned(ProvisioningTarget target, User user) {
        if (targets.directUsers(target.id()).contains(user.getId())) {
            return true;
        }
        Set<UUID> groups = targets.groups(target.id());
        return user.getGroups().stream().map(Group::getId).anyMatch(groups::contains);
    }
}
