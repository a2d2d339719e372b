package io.monban.core.application;

import java.util.List;

/**
 * What signing in to one application needs, beyond the global policy.
 *
 * @param secondFactorRequired  every entry needs a second factor (a step-up when the session has none)
 * @param allowedNetworks       names of the networks the application may be used from; empty: anywhere
 * @param trustedDeviceRequired only from a trusted company device
 */
public record ApplicationSignInPolicy(boolean secondFactorRequired, List<String> allowedNetworks,
                                      boolean trustedDeviceRequired) {

    public static final ApplicationSignInPolicy DEFAULT = new ApplicationSignInPolicy(false, List.of(), false);

    public ApplicationSignInPolicy {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    }
}
