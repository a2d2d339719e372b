package io.monban.idp.oidc;

import io.monban.core.application.ApplicationAccess;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/** {@code access_denied} because the application is not open to the user: the user is told why first. */
final class ApplicationRefusedException extends OAuth2AuthorizationCodeRequestAuthenticationException {

    private final transient ApplicationAccess.Refused refusal;

    ApplicationRefusedException(OAuth2Error error, OAuth2AuthorizationCodeRequestAuthenticationToken request,
                                ApplicationAccess.Refused refusal) {
        super(error, request);
        this.refusal = refusal;
    }

    ApplicationAccess.Refused refusal() {
        return refusal;
    }
}
