package io.monban.idp.oidc;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * RFC 7662 §4: introspection tells a token's state only to whom it concerns. Spring answers any
 * authenticated client; this provider, around Spring's, shows an active token to the client it
 * was issued to, and an access token also to a client named in its audience or configured to
 * introspect that client's tokens ({@link ClientOptions#INTROSPECTS_TOKENS_OF}). Everyone else
 * learns only {@code "active": false}, as for a token that does not exist. A refresh token is
 * never shown to another client: it is no resource server's business.
 */
final class IntrospectionAudience implements AuthenticationProvider {

    private final AuthenticationProvider introspection;

    IntrospectionAudience(AuthenticationProvider introspection) {
        this.introspection = introspection;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication result = introspection.authenticate(authentication);
        if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken answered)
                || !answered.getTokenClaims().isActive()
                || !(answered.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller)
                || caller.getRegisteredClient() == null
                || mayKnow(caller.getRegisteredClient(), answered.getTokenClaims())) {
            return result;
        }
        return new OAuth2TokenIntrospectionAuthenticationToken(answered.getToken(), caller,
                OAuth2TokenIntrospection.builder().build());
    }

    private static boolean mayKnow(RegisteredClient caller, OAuth2TokenIntrospection token) {
        String callerId = caller.getClientId();
        if (callerId.equals(token.getClientId())) {
            return true;
        }
        // Spring gives only access tokens a token_type (Bearer); refresh tokens have none.
        boolean accessToken = token.getTokenType() != null;
        if (!accessToken) {
            return false;
        }
        List<String> audience = token.getAudience();
        return (audience != null && audience.contains(callerId))
                || ClientOptions.introspectsTokensOf(caller).contains(token.getClientId());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return introspection.supports(authentication);
    }
}
