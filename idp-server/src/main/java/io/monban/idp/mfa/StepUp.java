package io.monban.idp.mfa;

import io.monban.core.policy.MfaPolicyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;

/**
 * A step-up to the multi-factor level, for any protocol that asks for it (OIDC {@code acr_values},
 * SAML RequestedAuthnContext, an app that requires a second factor): a sign-in whose second
 * factor is missing or older than the step-up lifetime is sent to the second-factor page (or,
 * without any factor, to set one up) and then continues the same request.
 */
@Component
public class StepUp {

    private final EnrolledFactors factors;
    private final MfaPolicyService policy;
    private final Clock clock;
    private final RequestCache requests;

    public StepUp(EnrolledFactors factors, MfaPolicyService policy, Clock clock, RequestCache requests) {
        this.requests = requests;
        this.factors = factors;
        this.policy = policy;
        this.clock = clock;
    }

    /** Whether this sign-in holds a second factor recent enough for a step-up. */
    public boolean isSatisfied(Authentication authentication) {
        return authentication != null && SecondFactor.passedSecondFactorSince(authentication,
                clock.instant().minus(policy.current().stepUpLifetime()));
    }

    /** Whether a step-up can be started for this sign-in (a password sign-in that is otherwise complete). */
    public boolean canStart(Authentication authentication) {
        return authentication instanceof UsernamePasswordAuthenticationToken && !SecondFactor.isMissing(authentication);
    }

    /** Remembers this (GET) request and sends the user to give (or set up) the second factor. */
    public void start(Authentication authentication, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        requests.saveRequest(request, response);
        if (!factors.any(UUID.fromString(authentication.getName()))) {
            response.sendRedirect(request.getContextPath() + TotpEnrolmentController.PATH + "?required");
            return;
        }
        // Ask again: the session now lacks the factor until the second-factor page adds a fresh one.
        SecondFactor.replace(SecondFactor.requiringSecondFactor(authentication), request, response);
        response.sendRedirect(request.getContextPath() + SecondFactorAuthorization.CHALLENGE_PATH);
    }
}
