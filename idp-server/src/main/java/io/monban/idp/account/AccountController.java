package io.monban.idp.account;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.credential.PasswordHasher;
import io.monban.core.credential.PasswordRejectedException;
import io.monban.core.credential.PasswordViolation;
import io.monban.core.credential.RecoveryCodeService;
import io.monban.core.credential.TotpService;
import io.monban.core.credential.WebAuthnCredentials;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.core.policy.LockoutKey;
import io.monban.core.policy.RememberedBrowsers;
import io.monban.core.policy.SignInLockout;
import io.monban.idp.login.UserSessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** My account: the user's own password, second factor and remembered browsers. */
@Controller
public class AccountController {

    private final DirectoryService directory;
    private final PasswordHasher hasher;
    private final TotpService totp;
    private final RecoveryCodeService recoveryCodes;
    private final RememberedBrowsers browsers;
    private final UserSessions sessions;
    private final WebAuthnCredentials keys;
    private final SignInLockout lockout;
    private final AuditLog audit;

    public AccountController(DirectoryService directory, PasswordHasher hasher, TotpService totp,
                             RecoveryCodeService recoveryCodes, RememberedBrowsers browsers, UserSessions sessions,
                             WebAuthnCredentials keys, SignInLockout lockout, AuditLog audit) {
        this.lockout = lockout;
        this.audit = audit;
        this.sessions = sessions;
        this.keys = keys;
        this.directory = directory;
        this.hasher = hasher;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.browsers = browsers;
    }

    @GetMapping("/account")
    public String overview(Authentication authentication, Model model) {
        UUID userId = UUID.fromString(authentication.getName());
        User user = directory.findWithMemberships(userId).orElseThrow();
        model.addAttribute("user", user);
        model.addAttribute("totpEnrolled", totp.isEnrolled(userId));
        model.addAttribute("recoveryCodesLeft", recoveryCodes.remaining(userId));
        model.addAttribute("keyCount", keys.of(userId).size());
        return "account";
    }

    @PostMapping("/account/browsers/forget")
    public String forgetBrowsers(Authentication authentication) {
        browsers.forgetAll(UUID.fromString(authentication.getName()));
        return "redirect:/account?browsersForgotten";
    }

    @GetMapping("/account/password")
    public String passwordPage() {
        return "password-change";
    }

    /**
     * Changes the password after checking the current one (a session left open must not be
     * enough to take the account over) and the policy; every reason is shown at once. The
     * user's other sessions end.
     */
    @PostMapping("/account/password")
    public String changePassword(Authentication authentication, Model model, HttpServletRequest request,
                                 @RequestParam(name = "current", defaultValue = "") String current,
                                 @RequestParam(name = "password", defaultValue = "") String password,
                                 @RequestParam(name = "confirm", defaultValue = "") String confirm) {
        UUID userId = UUID.fromString(authentication.getName());
        User user = directory.findWithMemberships(userId).orElseThrow();
        // The same account lockout as the sign-in: an open session must not be a place to guess.
        Optional<SignInLockout.Reservation> reservation = lockout.reserve(
                new LockoutKey.Address(request.getRemoteAddr()), new LockoutKey.Account(userId));
        if (reservation.isEmpty()) {
            audit.recordAlone(AuditRecord.failure("user.password.change", userId.toString(), "reason=locked"));
            model.addAttribute("errors", List.of(new PasswordViolation("password.locked", 0)));
            return "password-change";
        }
        if (!hasher.matches(current, user.getPasswordHash().orElse(null))) {
            reservation.get().failed();
            audit.recordAlone(AuditRecord.failure("user.password.change", userId.toString(),
                    "reason=current-password-wrong"));
            model.addAttribute("errors", List.of(new PasswordViolation("password.currentWrong", 0)));
            return "password-change";
        }
        reservation.get().succeeded();
        if (!password.equals(confirm)) {
            model.addAttribute("errors", List.of(new PasswordViolation("password.mismatch", 0)));
            return "password-change";
        }
        try {
            directory.changePassword(userId, password);
        } catch (PasswordRejectedException rejected) {
            model.addAttribute("errors", rejected.violations());
            return "password-change";
        }
        // Whoever else was signed in with the old password is signed out; this browser stays.
        sessions.endAllExcept(userId, request.getSession().getId());
        return "redirect:/account?passwordChanged";
    }
}
