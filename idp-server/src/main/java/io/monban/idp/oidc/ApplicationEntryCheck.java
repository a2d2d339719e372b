package io.monban.idp.oidc;

import io.monban.core.application.ApplicationAccess;
import io.monban.core.application.ApplicationProtocol;
import io.monban.core.application.ApplicationService;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Every authorization request of a signed-in user enters the application only when it is open to
 * that user (assigned, enabled). It runs in Spring's authorization request provider, as the last
 * validator (after the redirect URI is validated), before a code or a consent page is made. So a
 * session opened for one application never carries the user into another one that is not
 * assigned to them.
 */
final class ApplicationEntryCheck implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private final ApplicationService applications;

    ApplicationEntryCheck(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        RegisteredClient client = context.getRegisteredClient();
        Optional<UUID> user = signedInUser(request);
        if (user.isPresent() && applications.enter(ApplicationProtocol.OIDC, client.getClientId(), user.get())
                instanceof ApplicationAccess.Refused refused) {
            throw new ApplicationRefusedException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    "the application is not available to this user", null), answerable(request, client), refused);
        }
    }

    private static Optional<UUID> signedInUser(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        if (!(request.getPrincipal() instanceof Authentication principal) || !principal.isAuthenticated()
                || principal instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(principal.getName()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The request with the (validated) redirect URI the error goes to: the one asked for, or the only one. */
    private static OAuth2AuthorizationCodeRequestAuthenticationToken answerable(
            OAuth2AuthorizationCodeRequestAuthenticationToken request, RegisteredClient client) {
        String redirectUri = request.getRedirectUri();
        if (redirectUri == null && client.getRedirectUris().size() == 1) {
            redirectUri = client.getRedirectUris().iterator().next();
        }
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                request.getClientId(), (Authentication) request.getPrincipal(), redirectUri, request.getState(),
                request.getScopes(), request.getAdditionalParameters());
    }
}
