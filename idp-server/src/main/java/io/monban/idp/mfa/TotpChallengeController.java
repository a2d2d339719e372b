package io.monban.idp.mfa;

import io.monban.core.credential.RecoveryCodeService;
import io.monban.core.credential.TotpService;
import io.monban.core.policy.SignInLockout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of a sign-in for users with an authenticator app. Wrong codes count towards a
 * lockout of their own; reaching it ends the half-finished sign-in, so that guessing cannot
 * resume from where it stopped once the lock expires.
 */
@Controller
public class TotpChallengeController {

    private final TotpService totp;
    private final RecoveryCodeService recoveryCodes;
    private final SignInLockout lockout;
    private final RequestCache requests = new HttpSessionRequestCache();

    public TotpChallengeController(TotpService totp, RecoveryCodeService recoveryCodes, SignInLockout lockout) {
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.lockout = lockout;
    }

    @GetMapping(SecondFactorAuthorization.CHALLENGE_PATH)
    public String page(Authentication authentication) {
        if (SecondFactor.mustEnrol(authentication)) {
            return "redirect:" + SecondFactorAuthorization.ENROLMENT_PATH + "?required";
        }
        return SecondFactor.isMissing(authentication) ? "totp-challenge" : "redirect:/";
    }

    @PostMapping(SecondFactorAuthorization.CHALLENGE_PATH)
    public String verify(@RequestParam(name = "code", defaultValue = "") String code, Authentication authentication,
                         HttpServletRequest request, HttpServletResponse response) {
        return check(authentication, request, response,
                userId -> totp.verify(userId, code.trim()));
    }

    /** A recovery code instead of the authenticator's: the same step, the same lockout. */
    @PostMapping(SecondFactorAuthorization.CHALLENGE_PATH + "/recovery")
    public String recover(@RequestParam(name = "recoveryCode", defaultValue = "") String code,
                          Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        return check(authentication, request, response, userId -> recoveryCodes.use(userId, code));
    }

    private String check(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
                         java.util.function.Predicate<UUID> proof) {
        if (!SecondFactor.isMissing(authentication) || SecondFactor.mustEnrol(authentication)) {
            return "redirect:/";
        }
        String key = "totp:" + authentication.getName();
        if (lockout.lockedUntil(key, null).isPresent()) {
            return endSignIn(request, response, authentication);
        }
        if (!proof.test(UUID.fromString(authentication.getName()))) {
            lockout.recordFailure(key, null);
            return lockout.lockedUntil(key, null).isPresent() ? endSignIn(request, response, authentication)
                    : "redirect:" + SecondFactorAuthorization.CHALLENGE_PATH + "?error";
        }
        lockout.recordSuccess(key);
        request.changeSessionId();
        SecondFactor.replace(SecondFactor.withTotp(authentication), request, response);
        SavedRequest saved = requests.getRequest(request, response);
        return "redirect:" + (saved != null ? saved.getRedirectUrl() : "/");
    }

    private String endSignIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        new SecurityContextLogoutHandler().logout(request, response, authentication);
        return "redirect:/login?locked";
    }
}
