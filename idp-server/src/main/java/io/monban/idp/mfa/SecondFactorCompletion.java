package io.monban.idp.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import io.monban.idp.signin.SignInRequestCache;
import org.springframework.stereotype.Component;

/**
 * The end of the second step, whichever factor it was: one guessing limit per user across all
 * factors; on success a fresh session id and the factor added; at the limit the half-finished
 * sign-in ends, so that guessing cannot resume from where it stopped once the lock expires.
 */
@Component
class SecondFactorCompletion {

    /** Where the browser goes next; {@code factor} is asked only once the proof was accepted. */
    record Outcome(boolean accepted, String next) {
    }

    private final CodeAttempts attempts;
    private final RequestCache requests;

    SecondFactorCompletion(CodeAttempts attempts, SignInRequestCache requests) {
        this.attempts = attempts;
        this.requests = requests;
    }

    /** Whether this sign-in is waiting for its second factor (and not for an enrolment). */
    static boolean awaitsSecondFactor(Authentication authentication) {
        return SecondFactor.isMissing(authentication) && !SecondFactor.mustEnrol(authentication);
    }

    Outcome complete(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
                     Predicate<UUID> proof, Supplier<String> factor) {
        CodeAttempts.Result result = attempts.attempt(UUID.fromString(authentication.getName()), proof);
        if (result == CodeAttempts.Result.LOCKED) {
            new SecurityContextLogoutHandler().logout(request, response, authentication);
            return new Outcome(false, "/login?locked");
        }
        if (result == CodeAttempts.Result.WRONG) {
            return new Outcome(false, SecondFactorAuthorization.CHALLENGE_PATH + "?error");
        }
        request.changeSessionId();
        SecondFactor.replace(SecondFactor.withFactor(authentication, factor.get()), request, response);
        return new Outcome(true, continuation(request, response));
    }

    /** Where the sign-in was going before it stopped for the second factor. */
    String continuation(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        return saved != null ? saved.getRedirectUrl() : "/";
    }
}
