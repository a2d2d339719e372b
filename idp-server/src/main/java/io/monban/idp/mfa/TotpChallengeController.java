package io.monban.idp.mfa;

import io.monban.core.credential.RecoveryCodeService;
import io.monban.core.credential.TotpService;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.RememberedBrowsers;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
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

    static final String REMEMBER_COOKIE = "MONBAN_REMEMBERED_BROWSER";

    private final TotpService totp;
    private final RecoveryCodeService recoveryCodes;
    private final CodeAttempts attempts;
    private final MfaPolicyService policy;
    private final RememberedBrowsers browsers;
    private final RequestCache requests = new HttpSessionRequestCache();

    public TotpChallengeController(TotpService totp, RecoveryCodeService recoveryCodes, CodeAttempts attempts,
                                   MfaPolicyService policy, RememberedBrowsers browsers) {
        this.attempts = attempts;
        this.policy = policy;
        this.browsers = browsers;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
    }

    @GetMapping(SecondFactorAuthorization.CHALLENGE_PATH)
    public String page(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
                       Model model) {
        if (SecondFactor.mustEnrol(authentication)) {
            return "redirect:" + SecondFactorAuthorization.ENROLMENT_PATH + "?required";
        }
        if (!SecondFactor.isMissing(authentication)) {
            return "redirect:/";
        }
        int rememberDays = policy.current().rememberBrowserDays();
        if (rememberDays > 0 && !SecondFactor.isStepUp(authentication) && browsers.isRemembered(UUID.fromString(authentication.getName()),
                rememberCookie(request))) {
            SecondFactor.replace(SecondFactor.rememberedBrowser(authentication), request, response);
            return continueSignIn(request, response);
        }
        model.addAttribute("rememberDays", rememberDays);
        return "totp-challenge";
    }

    @PostMapping(SecondFactorAuthorization.CHALLENGE_PATH)
    public String verify(@RequestParam(name = "code", defaultValue = "") String code,
                         @RequestParam(name = "remember", defaultValue = "false") boolean remember,
                         Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        String next = check(authentication, request, response, userId -> totp.verify(userId, code.trim()));
        int rememberDays = policy.current().rememberBrowserDays();
        if (remember && rememberDays > 0
                && SecondFactor.passedTotp(SecurityContextHolder.getContext().getAuthentication())) {
            Duration lifetime = Duration.ofDays(rememberDays);
            String token = browsers.remember(UUID.fromString(authentication.getName()), lifetime);
            ResponseCookie cookie = ResponseCookie.from(REMEMBER_COOKIE, token).path("/").httpOnly(true)
                    .secure(request.isSecure()).sameSite("Lax").maxAge(lifetime).build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        return next;
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
        CodeAttempts.Result result = attempts.attempt(UUID.fromString(authentication.getName()), proof);
        if (result == CodeAttempts.Result.LOCKED) {
            return endSignIn(request, response, authentication);
        }
        if (result == CodeAttempts.Result.WRONG) {
            return "redirect:" + SecondFactorAuthorization.CHALLENGE_PATH + "?error";
        }
        request.changeSessionId();
        SecondFactor.replace(SecondFactor.withTotp(authentication), request, response);
        return continueSignIn(request, response);
    }

    private String continueSignIn(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        return "redirect:" + (saved != null ? saved.getRedirectUrl() : "/");
    }

    private static String rememberCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (REMEMBER_COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private String endSignIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        new SecurityContextLogoutHandler().logout(request, response, authentication);
        return "redirect:/login?locked";
    }
}
