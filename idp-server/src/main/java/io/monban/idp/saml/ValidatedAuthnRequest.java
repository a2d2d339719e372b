package io.monban.idp.saml;

import java.time.Instant;
import java.util.List;

/**
 * An AuthnRequest that passed every check (or an IdP-initiated launch, without request ID),
 * reduced to what answering it needs. It travels sealed to the same-site continuation.
 *
 * @param requestId          null for IdP-initiated SSO
 * @param comparison         RequestedAuthnContext comparison (exact, minimum, better, maximum), or null
 * @param requestedContexts  requested AuthnContextClassRefs, empty when none
 * @param validatedAt        when it was validated: a ForceAuthn sign-in must be later than this
 */
record ValidatedAuthnRequest(String spEntityId, String requestId, String acsUrl, String relayState,
                             boolean forceAuthn, boolean passive, String comparison, List<String> requestedContexts,
                             Instant validatedAt) implements SealedRequests.Sealable {

    @Override
    public Instant sealedAt() {
        return validatedAt;
    }

    ValidatedAuthnRequest {
        requestedContexts = requestedContexts == null ? List.of() : List.copyOf(requestedContexts);
    }
}
