package io.monban.idp.login;

import io.monban.core.policy.SignInLockout;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password step behind the lockout: a locked name or address is refused before any password
 * is compared (so guessing cannot continue during the lock), and every wrong password counts.
 */
final class LockoutAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwordStep;
    private final SignInLockout lockout;

    LockoutAuthenticationProvider(AuthenticationProvider passwordStep, SignInLockout lockout) {
        this.passwordStep = passwordStep;
        this.lockout = lockout;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String login = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        if (lockout.lockedUntil(login, address).isPresent()) {
            throw new SignInLockedException();
        }
        try {
            Authentication result = passwordStep.authenticate(attempt);
            lockout.recordSuccess(login);
            return result;
        } catch (BadCredentialsException wrong) {
            lockout.recordFailure(login, address);
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwordStep.supports(authentication);
    }
}
