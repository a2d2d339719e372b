package io.monban.idp.oidc;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OpenID Connect {@code prompt=login} and {@code max_age}, which Spring Authorization Server
 * leaves to the application: when the session's sign-in is not fresh enough, the user signs in
 * again and then continues the same authorization request (minus {@code prompt=login}, so that it
 * does not loop). With {@code prompt=none} the request is treated as unauthenticated instead, so
 * the client receives {@code login_required}.
 */
public class ReauthenticationFilter extends OncePerRequestFilter {

    static final String AUTHORIZE_PATH = "/oauth2/authorize";

    private final Clock clock;
    private final RequestCache requestCache = new HttpSessionRequestCache();

    public ReauthenticationFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AUTHORIZE_PATH.equals(request.getServletPath()) || request.getParameter("response_type") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        Set<String> prompt = Optional.ofNullable(request.getParameter("prompt"))
                .map(p -> Set.of(p.trim().split("\\s+"))).orElse(Set.of());
        Long maxAge = maxAge(request.getParameter("max_age"));
        if (maxAge != null && maxAge < 0) {
            // The redirect_uri is not validated yet, so the only safe answer is an error page.
            response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "invalid_request: max_age must be a non-negative number of seconds");
            return;
        }
        boolean loginRequested = prompt.contains("login");
        boolean tooOld = maxAge != null && authenticationTime(authentication)
                .map(t -> t.plusSeconds(maxAge).isBefore(clock.instant())).orElse(true);
        if (!loginRequested && !tooOld) {
            chain.doFilter(request, response);
            return;
        }
        if (prompt.contains("none")) {
            SecurityContextHolder.clearContext();
            chain.doFilter(request, response);
            return;
        }
        requestCache.saveRequest(new ContinuationRequest(request), response);
        response.sendRedirect(request.getContextPath() + "/login?reauth");
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

    static Optional<Instant> authenticationTime(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .map(a -> ((FactorGrantedAuthority) a).getIssuedAt())
                .max(Instant::compareTo);
    }

    /** The same authorization request as a GET, without {@code prompt=login}. */
    private static final class ContinuationRequest extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters = new LinkedHashMap<>();

        ContinuationRequest(HttpServletRequest request) {
            super(request);
            request.getParameterMap().forEach((name, values) -> {
                if ("prompt".equals(name)) {
                    String rest = Arrays.stream(values[0].trim().split("\\s+"))
                            .filter(v -> !v.equals("login")).collect(Collectors.joining(" "));
                    if (!rest.isEmpty()) {
                        parameters.put(name, new String[] {rest});
                    }
                } else {
                    parameters.put(name, values);
                }
            });
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getQueryString() {
            return parameters.entrySet().stream()
                    .flatMap(e -> Arrays.stream(e.getValue()).map(v -> encode(e.getKey()) + "=" + encode(v)))
                    .collect(Collectors.joining("&"));
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return java.util.Collections.enumeration(List.copyOf(parameters.keySet()));
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
