package io.monban.idp.mfa;

import io.monban.core.directory.Group;
import io.monban.core.directory.Role;
import io.monban.core.directory.User;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Whether a user must use a second factor: administrators always, others as configured. */
@Component
@EnableConfigurationProperties(MfaProperties.class)
public class MfaPolicy {

    private final MfaProperties properties;

    public MfaPolicy(MfaProperties properties) {
        this.properties = properties;
    }

    public boolean requires(User user) {
        if (properties.requiredForEveryone()) {
            return true;
        }
        var roles = user.effectiveRoleNames();
        return roles.contains(Role.ADMINISTRATOR) || roles.stream().anyMatch(properties.requiredRoles()::contains)
                || user.getGroups().stream().map(Group::getName).anyMatch(properties.requiredGroups()::contains);
    }

}
