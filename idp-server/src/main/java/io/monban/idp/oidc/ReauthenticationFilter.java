package io.monban.idp.oidc;

import io.monban.idp.login.FactorTimes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OpenID Connect {@code prompt=login} and {@code max_age}, which Spring Authorization Server
 * leaves to the application: when the session's sign-in is not fresh enough, the user signs in
 * again and then continues the same authorization request. The time of that detour is kept in
 * the session, so the continued request (which still says {@code prompt=login}, or
 * {@code max_age=0}) is accepted once a sign-in happened after it instead of looping. With
 * {@code prompt=none}, whenever a sign-in would be needed the client receives
 * {@code login_required} at its (already validated) redirect URI.
 *
 * <p>Runs after Spring's request-validating filter and before the authorization check.
 */
public class ReauthenticationFilter extends OncePerRequestFilter {

    static final String AUTHORIZE_PATH = "/oauth2/authorize";
    static final String REAUTH_REQUESTED_AT = ReauthenticationFilter.class.getName() + ".requestedAt";

    private final Clock clock;
    private final AuthorizationErrorRedirect errors;
    private final RequestCache requestCache;

    public ReauthenticationFilter(Clock clock, RegisteredClientRepository clients, RequestCache requestCache) {
        this.requestCache = requestCache;
        this.clock = clock;
        this.errors = new AuthorizationErrorRedirect(clients);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AUTHORIZE_PATH.equals(request.getServletPath()) || request.getParameter("response_type") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Set<String> prompt = AuthorizationErrorRedirect.prompt(request);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            if (prompt.contains("none") && loginRequired(request, response)) {
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        Long maxAge = maxAge(request.getParameter("max_age"));
        if (maxAge != null && maxAge < 0) {
            // The redirect_uri is not validated yet, so the only safe answer is an error page.
            response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "invalid_request: max_age must be a non-negative number of seconds");
            return;
        }
        Optional<Instant> authTime = FactorTimes.latest(authentication);
        Instant now = clock.instant();
        boolean fresh;
        if (prompt.contains("login")) {
            fresh = false;
        } else if (maxAge != null) {
            fresh = authTime.map(t -> !t.plusSeconds(maxAge).isBefore(now)).orElse(false);
        } else {
            fresh = true;
        }
        if (fresh || signedInAfterDetour(request, authTime)) {
            chain.doFilter(request, response);
            return;
        }
        if (prompt.contains("none") && loginRequired(request, response)) {
            return;
        }
        request.getSession().setAttribute(REAUTH_REQUESTED_AT, now);
        requestCache.saveRequest(request, response);
        response.sendRedirect(request.getContextPath() + "/login?reauth");
    }

    private boolean loginRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return errors.send(request, response, "login_required", "The user must sign in");
    }

    /** True (once) when this request continues a detour to the sign-in page that was completed. */
    private static boolean signedInAfterDetour(HttpServletRequest request, Optional<Instant> authTime) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(REAUTH_REQUESTED_AT) instanceof Instant requestedAt)) {
            return false;
        }
        if (authTime.map(t -> t.isAfter(requestedAt)).orElse(false)) {
            session.removeAttribute(REAUTH_REQUESTED_AT);
            return true;
        }
        return false;
    }

    private static Long maxAge(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
