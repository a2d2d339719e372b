package io.monban.idp.oidc;

import io.monban.core.application.ApplicationAccess;
import io.monban.core.application.ApplicationProtocol;
import io.monban.core.application.ApplicationService;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Every authorization request of a signed-in user enters the application only when it is open to
 * that user (assigned, enabled): checked just before Spring's authorization request provider, before a code
 * or a consent page is made, so a session opened for one application never carries the user into
 * another one that is not assigned to them.
 */
final class ApplicationEntryCheck implements AuthenticationProvider {

    private final ApplicationService applications;
    private final RegisteredClientRepository clients;

    ApplicationEntryCheck(ApplicationService applications, RegisteredClientRepository clients) {
        this.applications = applications;
        this.clients = clients;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        Optional<UUID> user = signedInUser(request);
        RegisteredClient client = user.isPresent() ? clients.findByClientId(request.getClientId()) : null;
        if (client != null && applications.enter(ApplicationProtocol.OIDC, client.getClientId(), user.get())
                instanceof ApplicationAccess.Refused refused) {
            throw new ApplicationRefusedException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    "the application is not available to this user", null), answerable(request, client), refused);
        }
        // Not decided here: the next provider (Spring's) handles the request.
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2AuthorizationCodeRequestAuthenticationToken.class.isAssignableFrom(authentication);
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

    /**
     * The request with a redirect URI the error may go to: the one asked for when it is registered
     * exactly, or the client's only one when none was asked for; otherwise none, and the user gets
     * an error page (Spring's own validation runs after this check).
     */
    private static OAuth2AuthorizationCodeRequestAuthenticationToken answerable(
            OAuth2AuthorizationCodeRequestAuthenticationToken request, RegisteredClient client) {
        String redirectUri = request.getRedirectUri();
        if (redirectUri == null && client.getRedirectUris().size() == 1) {
            redirectUri = client.getRedirectUris().iterator().next();
        } else if (redirectUri != null && !client.getRedirectUris().contains(redirectUri)) {
            redirectUri = null;
        }
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                request.getClientId(), (Authentication) request.getPrincipal(), redirectUri, request.getState(),
                request.getScopes(), request.getAdditionalParameters());
    }
}
