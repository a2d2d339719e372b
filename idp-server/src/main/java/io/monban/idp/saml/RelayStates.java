package io.monban.idp.saml;

import java.nio.charset.StandardCharsets;

/** RelayState: opaque to the IdP, returned as received, at most 80 bytes (SAML bindings 3.4.3, 3.5.3). */
final class RelayStates {

    static final int MAX_BYTES = 80;

    private RelayStates() {
    }

    static void check(String relayState) throws SamlMessageException {
        if (relayState != null && relayState.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new SamlMessageException("RelayState is longer than 80 bytes");
        }
    }
}
