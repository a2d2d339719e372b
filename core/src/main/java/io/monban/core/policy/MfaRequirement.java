package io.monban.core.policy;

import java.time.Duration;
import java.util.Set;

/**
 * Who must use a second factor. Holders of the administrator role always must, whatever this says.
 *
 * @param everyone       every user must
 * @param groups         members of these groups must
 * @param roles          holders of these roles must
 * @param stepUpLifetime how long a second factor satisfies a request for the multi-factor level
 */
public record MfaRequirement(boolean everyone, Set<String> groups, Set<String> roles, Duration stepUpLifetime) {

    public MfaRequirement {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
        if (stepUpLifetime.isNegative() || stepUpLifetime.isZero()) {
            throw new IllegalArgumentException("step-up lifetime must be positive");
        }
    }
}
