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
 * @param rememberBrowserDays days a browser that passed the second factor may skip it (0: never)
 * @param passkeySignIn  a passkey that verifies the user may sign in without the password
 * @param acceptedFactors the kinds of second factor that count; a user whose only factors are
 *                       of other kinds must set up an accepted one
 */
public record MfaRequirement(boolean everyone, Set<String> groups, Set<String> roles, Duration stepUpLifetime,
                             int rememberBrowserDays, boolean passkeySignIn,
                             Set<SecondFactorKind> acceptedFactors) {

    public MfaRequirement {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
        acceptedFactors = Set.copyOf(acceptedFactors);
        if (acceptedFactors.isEmpty()) {
            throw new IllegalArgumentException("at least one kind of second factor must be accepted");
        }
        if (stepUpLifetime.isNegative() || stepUpLifetime.isZero()) {
            throw new IllegalArgumentException("step-up lifetime must be positive");
        }
        if (rememberBrowserDays < 0 || rememberBrowserDays > 365) {
            throw new IllegalArgumentException("remember-browser days must be between 0 and 365");
        }
    }

    public boolean accepts(SecondFactorKind kind) {
        return acceptedFactors.contains(kind);
    }
}
