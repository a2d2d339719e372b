package io.monban.idp.oidc;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * When the consent page is shown: never for first-party clients (consent not required in their
 * settings); for others when the request asks for a scope not yet consented, or when the client
 * sends {@code prompt=consent}.
 */
class ConsentRequirement implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        RegisteredClient client = context.getRegisteredClient();
        if (!client.getClientSettings().isRequireAuthorizationConsent()) {
            return false;
        }
        Set<String> requested = context.getAuthorizationRequest().getScopes();
        Object prompt = context.getAuthorizationRequest().getAdditionalParameters().get("prompt");
        if (prompt != null && Arrays.asList(prompt.toString().split(" ")).contains("consent")) {
            return true;
        }
        if (requested.size() == 1 && requested.contains(OidcScopes.OPENID)) {
            return false;
        }
        OAuth2AuthorizationConsent consent = context.getAuthorizationConsent();
        return consent == null || !consent.getScopes().containsAll(requested);
    }
}
