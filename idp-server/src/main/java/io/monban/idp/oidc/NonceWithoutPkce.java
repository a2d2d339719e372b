package io.monban.idp.oidc;

import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * A confidential client allowed to go without PKCE ({@code requirePkce: false}) must bind its
 * OpenID sign-in some other way: without a {@code code_challenge} the request needs a
 * {@code nonce} (OIDC Core §15.5.2, as the OAuth 2.0 Security BCP allows), else
 * {@code invalid_request} at the client's redirect URI. Runs after Spring's redirect URI and scope
 * checks, so the redirect URI it answers at is a registered one.
 */
final class NonceWithoutPkce implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (context.getRegisteredClient().getClientSettings().isRequireProofKey()
                || !request.getScopes().contains(OidcScopes.OPENID)
                || StringUtils.hasText((String) request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE))
                || StringUtils.hasText((String) request.getAdditionalParameters().get(OidcParameterNames.NONCE))) {
            return;
        }
        String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
                : context.getRegisteredClient().getRedirectUris().iterator().next();
        OAuth2AuthorizationCodeRequestAuthenticationToken answer = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), request.getClientId(),
                (Authentication) request.getPrincipal(), redirectUri,
                request.getState(), request.getScopes(), request.getAdditionalParameters());
        answer.setAuthenticated(true);
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                "OpenID Connect Parameter: nonce (required without code_challenge)", null), answer);
    }
}
