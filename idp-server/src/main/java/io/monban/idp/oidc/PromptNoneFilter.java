package io.monban.idp.oidc;

import io.monban.idp.mfa.SecondFactor;
import io.monban.idp.mfa.StepUpFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OpenID Connect Core §3.1.2.1: with {@code prompt=none} no page is shown. A signed-in user who
 * would first have to give the second factor, set one up, or step up for this request
 * ({@code acr_values}, a client that requires a second factor, a factor too old) is not sent to
 * that page: the client receives {@code interaction_required}, and the session is left as it
 * was. (No sign-in at all, or one too old for {@code max_age}, is {@code login_required}, which
 * {@link ReauthenticationFilter} answers before this filter runs.)
 *
 * <p>Runs after Spring's request-validating filter, before the step-up and the authorization check.
 */
final class PromptNoneFilter extends OncePerRequestFilter {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final StepUpFilter stepUp;
    private final AuthorizationErrorRedirect errors;

    PromptNoneFilter(StepUpFilter stepUp, RegisteredClientRepository clients) {
        this.stepUp = stepUp;
        this.errors = new AuthorizationErrorRedirect(clients);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ReauthenticationFilter.AUTHORIZE_PATH.equals(request.getServletPath())
                || request.getParameter("response_type") == null
                || !AuthorizationErrorRedirect.promptNone(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && !TRUST.isAnonymous(authentication) && needsInteraction(request, authentication)
                && errors.send(request, response, "interaction_required",
                        "The user must give or set up a second factor")) {
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean needsInteraction(HttpServletRequest request, Authentication authentication) {
        return SecondFactor.isMissing(authentication) || stepUp.wouldStepUp(request, authentication);
    }
}
