package io.monban.core.application;

/** How an application talks to Monban; with its protocol reference it names the application. */
public enum ApplicationProtocol {
    /** Referenced by its OAuth client id. */
    OIDC,
    /** Referenced by its SAML entity id. */
    SAML
}
