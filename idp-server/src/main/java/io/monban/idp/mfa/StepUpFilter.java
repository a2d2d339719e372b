package io.monban.idp.mfa;

import io.monban.core.policy.MfaPolicyService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Step-up for OpenID Connect: an authorization request with {@code acr_values} naming the
 * multi-factor level gets it, and so does every request of a client that requires a second factor. A session that has only the password, or whose second factor is
 * older than the step-up lifetime, is sent to the code page (or, without an authenticator, to
 * set one up) and then continues the same request.
 */
public class StepUpFilter extends OncePerRequestFilter {

    public static final String MULTI_FACTOR_ACR = "urn:monban:loa:2";

    private final StepUp stepUp;
    private final Predicate<String> clientRequiresMfa;

    /**
     * @param clientRequiresMfa whether the client with this id requires a second factor for every sign-in
     */
    public StepUpFilter(EnrolledFactors factors, MfaPolicyService policy, Predicate<String> clientRequiresMfa, Clock clock,
                        RequestCache requests) {
        this.stepUp = new StepUp(factors, policy, clock, requests);
        this.clientRequiresMfa = clientRequiresMfa;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"/oauth2/authorize".equals(request.getServletPath()) || request.getParameter("response_type") == null) {
            return true;
        }
        String acr = request.getParameter("acr_values");
        if (acr != null && Set.of(acr.trim().split("\\s+")).contains(MULTI_FACTOR_ACR)) {
            return false;
        }
        String clientId = request.getParameter("client_id");
        return clientId == null || !clientRequiresMfa.test(clientId);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!needsStepUp(authentication)) {
            chain.doFilter(request, response);
            return;
        }
        stepUp.start(authentication, request, response);
    }

    /**
     * Whether this request would be sent to give (or set up) a second factor first; for callers
     * that must answer without showing a page ({@code prompt=none}).
     */
    public boolean wouldStepUp(HttpServletRequest request, Authentication authentication) {
        return !shouldNotFilter(request) && needsStepUp(authentication);
    }

    private boolean needsStepUp(Authentication authentication) {
        return stepUp.canStart(authentication) && !stepUp.isSatisfied(authentication);
    }
}
