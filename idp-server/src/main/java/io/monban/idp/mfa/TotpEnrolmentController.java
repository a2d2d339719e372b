package io.monban.idp.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.monban.core.credential.RecoveryCodeService;
import io.monban.core.credential.TotpEnrolment;
import io.monban.core.credential.TotpService;
import io.monban.core.directory.DirectoryService;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.SecondFactorKind;
import io.monban.core.policy.RememberedBrowsers;
import io.monban.core.directory.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import io.monban.idp.signin.SignInRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * My account: set up or remove an authenticator app. With {@code ?required} (the policy or an
 * application asks for a second factor the user does not have yet) it is the set-up page of the
 * sign-in: it says why, offers every kind of factor the policy accepts (authenticator app,
 * security key, passkey) and a way out (sign out); whichever is set up, the sign-in goes on.
 */
@Controller
public class TotpEnrolmentController {

    static final String PATH = SecondFactorAuthorization.ENROLMENT_PATH;
    private static final String ISSUER = "Monban";

    private final TotpService totp;
    private final RecoveryCodeService recoveryCodes;
    private final RememberedBrowsers browsers;
    private final CodeAttempts attempts;
    private final DirectoryService directory;
    private final MfaPolicyService policy;
    private final RequestCache requests;

    public TotpEnrolmentController(TotpService totp, RecoveryCodeService recoveryCodes, RememberedBrowsers browsers,
                                   CodeAttempts attempts, DirectoryService directory,
                                   MfaPolicyService policy, SignInRequestCache requests) {
        this.requests = requests;
        this.policy = policy;
        this.browsers = browsers;
        this.attempts = attempts;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.directory = directory;
    }

    @GetMapping(PATH)
    public String page(Authentication authentication, HttpServletRequest request, Model model) {
        UUID userId = UUID.fromString(authentication.getName());
        boolean acceptsTotp = policy.current().accepts(SecondFactorKind.TOTP);
        boolean required = SecondFactor.mustEnrol(authentication)
                || (request.getParameter("required") != null && !totp.isEnrolled(userId));
        model.addAttribute("required", required);
        model.addAttribute("acceptsTotp", acceptsTotp);
        model.addAttribute("acceptsKeys", policy.current().accepts(SecondFactorKind.WEBAUTHN));
        if (!acceptsTotp) {
            // Only keys count (phishing-resistant policy): the keys page is the set-up page then.
            return "redirect:" + SecondFactorAuthorization.WEBAUTHN_PATH + (required ? "?required" : "");
        }
        if (totp.isEnrolled(userId)) {
            model.addAttribute("enrolled", true);
            model.addAttribute("recoveryCodesLeft", recoveryCodes.remaining(userId));
            return "totp-enrolment";
        }
        User user = directory.findWithMemberships(userId).orElseThrow();
        TotpEnrolment enrolment = totp.startEnrolment(userId, user.getEmail().orElse(user.getUsername()), ISSUER);
        model.addAttribute("enrolled", false);
        model.addAttribute("secret", enrolment.secretBase32());
        model.addAttribute("qr", qrDataUri(enrolment.otpauthUri()));
        return "totp-enrolment";
    }

    @PostMapping(PATH)
    public String confirm(@RequestParam(name = "code", defaultValue = "") String code, Authentication authentication,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        UUID userId = UUID.fromString(authentication.getName());
        if (!policy.current().accepts(SecondFactorKind.TOTP) || !totp.confirmEnrolment(userId, code.trim())) {
            return "redirect:" + PATH + "?error";
        }
        // The user just proved the authenticator: this session counts it as a factor.
        SecondFactor.replace(SecondFactor.withFactor(authentication, SecondFactor.TOTP_FACTOR), request, response);
        // Shown once, now; then on to where the sign-in was going (policy or step-up), if anywhere.
        SavedRequest saved = requests.getRequest(request, response);
        model.addAttribute("codes", recoveryCodes.regenerate(userId));
        model.addAttribute("continueUrl", saved != null ? saved.getRedirectUrl() : PATH + "?enrolled");
        return "recovery-codes";
    }

    /** New recovery codes bypass the authenticator later, so making them takes a current code too. */
    @PostMapping(PATH + "/recovery-codes")
    public String regenerateRecoveryCodes(@RequestParam(name = "code", defaultValue = "") String code,
                                          Authentication authentication, Model model) {
        UUID userId = UUID.fromString(authentication.getName());
        if (!currentCode(userId, code)) {
            return "redirect:" + PATH + "?removeError";
        }
        model.addAttribute("codes", recoveryCodes.regenerate(userId));
        model.addAttribute("continueUrl", PATH);
        return "recovery-codes";
    }

    /**
     * Removing the authenticator takes a current code from it: a session left open, or taken
     * over, must not be enough to switch the second factor off.
     */
    @PostMapping(PATH + "/remove")
    public String remove(@RequestParam(name = "code", defaultValue = "") String code, Authentication authentication) {
        UUID userId = UUID.fromString(authentication.getName());
        if (!currentCode(userId, code)) {
            return "redirect:" + PATH + "?removeError";
        }
        totp.remove(userId);
        recoveryCodes.regenerate(userId);
        browsers.forgetAll(userId);
        return "redirect:" + PATH;
    }

    /** A current authenticator code, under the same guessing limit as the sign-in's code step. */
    private boolean currentCode(UUID userId, String code) {
        return attempts.attempt(userId, id -> totp.verify(id, code.trim())) == CodeAttempts.Result.ACCEPTED;
    }

    private static String qrDataUri(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 240, 240);
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < matrix.getWidth(); x++) {
                for (int y = 0; y < matrix.getHeight(); y++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("cannot render QR code", e);
        }
    }
}
