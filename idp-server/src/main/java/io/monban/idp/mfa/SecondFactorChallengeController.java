package io.monban.idp.mfa;

import io.monban.core.credential.RecoveryCodeService;
import io.monban.core.credential.TotpService;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.RememberedBrowsers;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.ui.Model;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of a sign-in: a code from the authenticator app, or a recovery code (a WebAuthn
 * key is {@link WebAuthnChallengeController}'s). Every kind counts towards one lockout.
 */
@Controller
public class SecondFactorChallengeController {

    static final String REMEMBER_COOKIE = "MONBAN_REMEMBERED_BROWSER";

    private final TotpService totp;
    private final RecoveryCodeService recoveryCodes;
    private final SecondFactorCompletion completion;
    private final EnrolledFactors factors;
    private final MfaPolicyService policy;
    private final RememberedBrowsers browsers;

    public SecondFactorChallengeController(TotpService totp, RecoveryCodeService recoveryCodes,
                                           SecondFactorCompletion completion, EnrolledFactors factors,
                                           MfaPolicyService policy, RememberedBrowsers browsers) {
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.completion = completion;
        this.factors = factors;
        this.policy = policy;
        this.browsers = browsers;
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
        UUID userId = UUID.fromString(authentication.getName());
        int rememberDays = policy.current().rememberBrowserDays();
        if (rememberDays > 0 && !SecondFactor.isStepUp(authentication) && browsers.isRemembered(userId,
                rememberCookie(request))) {
            SecondFactor.replace(SecondFactor.rememberedBrowser(authentication), request, response);
            return "redirect:" + completion.continuation(request, response);
        }
        model.addAttribute("rememberDays", rememberDays);
        model.addAttribute("hasTotp", factors.totp(userId));
        model.addAttribute("hasKeys", factors.keys(userId));
        model.addAttribute("acceptsCodes", factors.totp(userId));
        return "second-factor";
    }

    @PostMapping(SecondFactorAuthorization.CHALLENGE_PATH)
    public String verify(@RequestParam(name = "code", defaultValue = "") String code,
                         @RequestParam(name = "remember", defaultValue = "false") boolean remember,
                         Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (!SecondFactorCompletion.awaitsSecondFactor(authentication)) {
            return "redirect:/";
        }
        SecondFactorCompletion.Outcome outcome = completion.complete(authentication, request, response,
                userId -> factors.totp(userId) && totp.verify(userId, code.trim()), () -> SecondFactor.TOTP_FACTOR);
        int rememberDays = policy.current().rememberBrowserDays();
        if (outcome.accepted() && remember && rememberDays > 0) {
            Duration lifetime = Duration.ofDays(rememberDays);
            String token = browsers.remember(UUID.fromString(authentication.getName()), lifetime);
            ResponseCookie cookie = ResponseCookie.from(REMEMBER_COOKIE, token).path("/").httpOnly(true)
                    .secure(request.isSecure()).sameSite("Lax").maxAge(lifetime).build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        return "redirect:" + outcome.next();
    }

    /** A recovery code instead of the authenticator's: the same step, the same lockout. */
    @PostMapping(SecondFactorAuthorization.CHALLENGE_PATH + "/recovery")
    public String recover(@RequestParam(name = "recoveryCode", defaultValue = "") String code,
                          Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (!SecondFactorCompletion.awaitsSecondFactor(authentication)) {
            return "redirect:/";
        }
        return "redirect:" + completion.complete(authentication, request, response,
                userId -> factors.totp(userId) && recoveryCodes.use(userId, code), () -> SecondFactor.TOTP_FACTOR).next();
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
}
