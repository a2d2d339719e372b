package io.monban.idp.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests a sign-in goes back to. A request that reached a protocol's sign-in endpoint
 * (OIDC authorization, SAML SSO and IdP-initiated launch) always is, whatever it accepts: browsers
 * send {@code Accept} headers that name {@code application/json} on plain navigations, and
 * Spring's default (which skips those) then lost the application's request. Other pages are when
 * a browser would show them: a GET that accepts HTML and is not a script's background request.
 * Never a form post, a static file or a machine endpoint.
 */
final class ResumableRequests implements RequestMatcher {

    private static final List<String> PROTOCOL_ENDPOINTS = List.of("/oauth2/authorize", "/saml2/sso", "/saml2/launch");
    private static final List<String> NOT_PAGES = List.of("/css/", "/js/", "/favicon.ico", "/error", "/actuator/",
            "/oauth2/", "/saml2/", "/.well-known/", "/userinfo", "/connect/", "/scim/", "/webauthn/");

    @Override
    public boolean matches(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (PROTOCOL_ENDPOINTS.stream().anyMatch(endpoint -> path.equals(endpoint) || path.startsWith(endpoint + "/"))) {
            return true;
        }
        return NOT_PAGES.stream().noneMatch(path::startsWith)
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                && acceptsHtml(request.getHeader(HttpHeaders.ACCEPT));
    }

    private static boolean acceptsHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getQualityValue() > 0 && type.includes(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
