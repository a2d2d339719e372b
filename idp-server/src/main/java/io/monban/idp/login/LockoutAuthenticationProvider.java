package io.monban.idp.login;

import io.monban.core.directory.DirectoryService;
import io.monban.core.policy.LockoutKey;
import io.monban.core.policy.SignInLockout;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password step behind the lockout: an attempt is reserved on the account (or the unknown
 * name) and on the client address before any password is compared, so neither a lock nor
 * parallel guessing lets more passwords be checked than the limit. Username and e-mail of one
 * account count as one.
 */
final class LockoutAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwordStep;
    private final SignInLockout lockout;
    private final DirectoryService directory;

    LockoutAuthenticationProvider(AuthenticationProvider passwordStep, SignInLockout lockout,
                                  DirectoryService directory) {
        this.passwordStep = passwordStep;
        this.lockout = lockout;
        this.directory = directory;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        SignInLockout.Reservation reservation = lockout.reserve(keys(attempt).toArray(LockoutKey[]::new))
                .orElseThrow(SignInLockedException::new);
        Authentication result;
        try {
            result = passwordStep.authenticate(attempt);
        } catch (AccountStatusException rightPasswordButDisabled) {
            reservation.succeeded();
            throw rightPasswordButDisabled;
        } catch (RuntimeException wrong) {
            reservation.failed();
            throw wrong;
        }
        reservation.succeeded();
        return result;
    }

    private List<LockoutKey> keys(Authentication attempt) {
        List<LockoutKey> keys = new ArrayList<>();
        if (attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null) {
            keys.add(new LockoutKey.Address(web.getRemoteAddress()));
        }
        String login = attempt.getName();
        keys.add(directory.findByLogin(login).<LockoutKey>map(user -> new LockoutKey.Account(user.getId()))
                .orElseGet(() -> new LockoutKey.UnknownLogin(login)));
        return keys;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwordStep.supports(authentication);
    }
}
