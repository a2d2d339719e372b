package io.monban.idp.mfa;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * "Signed in" means every factor the user has: a user with an authenticator who has given only
 * the password may reach the second-factor page and sign out, nothing else. Denied requests of
 * such a half-finished sign-in are remembered and sent to the second-factor page.
 */
public final class SecondFactorAuthorization {

    public static final String CHALLENGE_PATH = "/login/second-factor";
    public static final String ENROLMENT_PATH = "/account/totp";
    /** Security keys and passkeys: also a way to enrol when the policy requires a second factor. */
    public static final String WEBAUTHN_PATH = "/account/webauthn";

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private SecondFactorAuthorization() {
    }

    /** Authenticated, with every factor the user has. */
    public static AuthorizationManager<RequestAuthorizationContext> fullySignedIn() {
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                                 RequestAuthorizationContext context) {
                Authentication current = authentication.get();
                boolean signedIn = current != null && current.isAuthenticated() && !TRUST.isAnonymous(current);
                return new AuthorizationDecision(signedIn && !SecondFactor.isMissing(current));
            }
        };
    }

    /**
     * The authenticator set-up page: for signed-in users, and for a half-finished sign-in that
     * must enrol first. Not for one that must give a code: the password alone must not be enough
     * to remove or replace the authenticator.
     */
    public static AuthorizationManager<RequestAuthorizationContext> signedInOrEnrolling() {
        AuthorizationManager<RequestAuthorizationContext> signedIn = fullySignedIn();
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                                 RequestAuthorizationContext context) {
                Authentication current = authentication.get();
                return SecondFactor.mustEnrol(current) ? new AuthorizationDecision(true)
                        : signedIn.authorize(authentication, context);
            }
        };
    }

    /** Sends a half-finished sign-in to the second-factor page; other refusals stay 403. */
    public static AccessDeniedHandler deniedHandler(RequestCache requests) {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        return new AccessDeniedHandler() {
            @Override
            public void handle(HttpServletRequest request, HttpServletResponse response,
                               AccessDeniedException denied) throws IOException, ServletException {
                Authentication current = SecurityContextHolder.getContext().getAuthentication();
                if (SecondFactor.isMissing(current)) {
                    // Only a page to return to; a refused form post (say, removing the
                    // authenticator) must not be replayed as a GET after the second factor.
                    if ("GET".equals(request.getMethod())) {
                        requests.saveRequest(request, response);
                    }
                    response.sendRedirect(request.getContextPath()
                            + (SecondFactor.mustEnrol(current) ? ENROLMENT_PATH + "?required" : CHALLENGE_PATH));
                } else {
                    forbidden.handle(request, response, denied);
                }
            }
        };
    }
}
