package io.monban.idp.saml;

/**
 * A SAML message as it arrived, decoded from its binding but not yet trusted.
 *
 * @param redirectSignature the query signature of an HTTP-Redirect message, or null
 */
record InboundMessage(Binding binding, byte[] xml, String relayState, RedirectSignature redirectSignature) {

    enum Binding { REDIRECT, POST }

    /**
     * @param signedOctets exactly the query parameters covered by the signature, as received
     */
    record RedirectSignature(String algorithm, byte[] signature, byte[] signedOctets) {
    }
}
