package io.monban.idp.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An authorization error sent to the client (RFC 6749 §4.1.2.1) by Monban's own filters on the
 * authorization endpoint, for the request Spring's validating filter has already checked (client,
 * redirect URI), so the redirect can only go where the client registered.
 */
final class AuthorizationErrorRedirect {

    private final RegisteredClientRepository clients;

    AuthorizationErrorRedirect(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    /** Whether the request says {@code prompt=none}: the user must not be shown any page. */
    static boolean promptNone(HttpServletRequest request) {
        return prompt(request).contains("none");
    }

    static Set<String> prompt(HttpServletRequest request) {
        return Optional.ofNullable(request.getParameter("prompt")).map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> Set.copyOf(Arrays.asList(p.split("\\s+")))).orElse(Set.of());
    }

    /**
     * Sends {@code error} with the request's state to the validated redirect URI; false (nothing
     * sent) when there is no validated request to answer.
     */
    boolean send(HttpServletRequest request, HttpServletResponse response, String error, String description)
            throws IOException {
        if (!(request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName())
                instanceof OAuth2AuthorizationCodeRequestAuthenticationToken validated)) {
            return false;
        }
        String redirectUri = validated.getRedirectUri();
        if (redirectUri == null) {
            RegisteredClient client = clients.findByClientId(validated.getClientId());
            if (client == null || client.getRedirectUris().size() != 1) {
                return false;
            }
            redirectUri = client.getRedirectUris().iterator().next();
        }
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(redirectUri)
                .queryParam("error", error)
                .queryParam("error_description", "{description}");
        if (validated.getState() != null) {
            target.queryParam("state", "{state}");
        }
        response.sendRedirect(target.encode().buildAndExpand(Map.of("description", description,
                "state", String.valueOf(validated.getState()))).toUriString());
        return true;
    }
}
