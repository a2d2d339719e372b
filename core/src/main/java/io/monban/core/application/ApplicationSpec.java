package io.monban.core.application;

/**
 * What registers (or updates) an application, whatever its protocol.
 *
 * @param protocolRef the OIDC client id or the SAML entity id
 * @param launchUrl   where the home page sends a user to open the application (an OIDC client's
 *                    initiate-login URI, Monban's IdP-initiated SAML launch); null when none
 */
public record ApplicationSpec(ApplicationProtocol protocol, String protocolRef, String name, boolean enabled,
                              Assignment assignment, ApplicationSignInPolicy signInPolicy, String launchUrl) {

    public ApplicationSpec {
        assignment = assignment == null ? Assignment.EVERYONE : assignment;
        signInPolicy = signInPolicy == null ? ApplicationSignInPolicy.DEFAULT : signInPolicy;
    }
}
