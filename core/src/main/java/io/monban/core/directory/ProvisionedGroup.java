package io.monban.core.directory;

import java.util.Set;
import java.util.UUID;

/** The whole state of a group as a provisioning system sets it: name and member users. */
public record ProvisionedGroup(String displayName, String externalId, Set<UUID> memberIds) {

    public ProvisionedGroup {
        memberIds = memberIds == null ? Set.of() : Set.copyOf(memberIds);
    }
}
