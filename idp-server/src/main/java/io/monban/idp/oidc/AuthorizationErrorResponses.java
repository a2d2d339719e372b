package io.monban.idp.oidc;

import io.monban.idp.web.ApplicationRefusedPage;
import io.monban.idp.web.RefusedEntry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Errors of the authorization endpoint, answered as Spring Authorization Server answers them
 * (RFC 6749 §4.1.2.1: to the validated redirect URI with {@code error} and {@code state}, or a 400
 * page when there is none), except one: a user refused entry to an application is first shown a
 * page saying so, whose link takes the {@code access_denied} answer back to the application.
 * With {@code prompt=none} no page may be shown, so the client gets the error at once.
 */
final class AuthorizationErrorResponses implements AuthenticationFailureHandler {

    private final RedirectStrategy redirects = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
        String answer = exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest
                ? errorRedirect(error, codeRequest.getAuthorizationCodeRequestAuthentication()) : null;
        if (exception instanceof ApplicationRefusedException refused && !AuthorizationErrorRedirect.promptNone(request)) {
            new RefusedEntry(refused.refusal().applicationName(), ApplicationRefusedPage.reason(refused.refusal()),
                    answer).keep(request.getSession());
            redirects.sendRedirect(request, response, RefusedEntry.PAGE);
            return;
        }
        if (answer == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, error.toString());
            return;
        }
        redirects.sendRedirect(request, response, answer);
    }

    private static String errorRedirect(OAuth2Error error, OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        if (request == null || !StringUtils.hasText(request.getRedirectUri())) {
            return null;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(request.getRedirectUri())
                .queryParam("error", error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            uri.queryParam("error_description", UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(error.getUri())) {
            uri.queryParam("error_uri", UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(request.getState())) {
            uri.queryParam("state", UriUtils.encode(request.getState(), StandardCharsets.UTF_8));
        }
        return uri.build(true).toUriString();
    }
}
