package io.monban.admin.users;

import io.monban.core.credential.RecoveryCodeService;
import io.monban.core.credential.SecondFactorReset;
import io.monban.core.credential.TotpService;
import io.monban.core.credential.WebAuthnCredentials;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Console: a user's second factors, and the reset for a user who lost all of them. Only for
 * administrators (the end-user chain guards {@code /admin/**}), and never on oneself: an
 * administrator who lost a factor asks another one.
 */
@Controller
public class UserFactorsController {

    static final String PATH = "/admin/users";
    static final int MAX_REASON = 200;

    private final DirectoryService directory;
    private final TotpService totp;
    private final RecoveryCodeService recoveryCodes;
    private final WebAuthnCredentials keys;
    private final SecondFactorReset reset;

    public UserFactorsController(DirectoryService directory, TotpService totp, RecoveryCodeService recoveryCodes,
                                 WebAuthnCredentials keys, SecondFactorReset reset) {
        this.directory = directory;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.keys = keys;
        this.reset = reset;
    }

    @GetMapping(PATH)
    public String find(@RequestParam(name = "q", defaultValue = "") String login, Model model) {
        model.addAttribute("q", login);
        Optional<User> user = login.isBlank() ? Optional.empty() : directory.findByLogin(login.strip());
        user.ifPresent(u -> {
            model.addAttribute("user", u);
            model.addAttribute("totp", totp.isEnrolled(u.getId()));
            model.addAttribute("recoveryCodes", recoveryCodes.remaining(u.getId()));
            model.addAttribute("keys", keys.of(u.getId()));
        });
        model.addAttribute("notFound", !login.isBlank() && user.isEmpty());
        return "admin/users";
    }

    @PostMapping(PATH + "/{id}/factors/reset")
    public String reset(@PathVariable("id") UUID userId, @RequestParam(name = "reason", defaultValue = "") String reason,
                        Authentication administrator) {
        User user = directory.findWithMemberships(userId).orElse(null);
        if (user == null) {
            return "redirect:" + PATH + "?notFound";
        }
        String back = UriComponentsBuilder.fromPath(PATH).queryParam("q", user.getUsername()).build().encode().toUriString();
        if (userId.toString().equals(administrator.getName())) {
            return "redirect:" + back + "&resetError=self";
        }
        if (reason.isBlank()) {
            return "redirect:" + back + "&resetError=reason";
        }
        reset.resetAll(userId, reason.strip().substring(0, Math.min(reason.strip().length(), MAX_REASON)));
        return "redirect:" + back + "&reset";
    }
}
