package io.monban.idp.mfa;

import io.monban.core.directory.Group;
import io.monban.core.directory.Role;
import io.monban.core.directory.User;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.MfaRequirement;
import org.springframework.stereotype.Component;

/** Whether a user must use a second factor: administrators always, others as the policy says. */
@Component
public class MfaPolicy {

    private final MfaPolicyService policy;

    public MfaPolicy(MfaPolicyService policy) {
        this.policy = policy;
    }

    public boolean requires(User user) {
        MfaRequirement requirement = policy.current();
        if (requirement.everyone()) {
            return true;
        }
        var roles = user.effectiveRoleNames();
        return roles.contains(Role.ADMINISTRATOR) || roles.stream().anyMatch(requirement.roles()::contains)
                || user.getGroups().stream().map(Group::getName).anyMatch(requirement.groups()::contains);
    }
}
