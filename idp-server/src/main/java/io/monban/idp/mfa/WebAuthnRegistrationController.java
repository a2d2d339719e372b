package io.monban.idp.mfa;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.credential.CredentialRejectedException;
import io.monban.core.credential.NewWebAuthnCredential;
import io.monban.core.credential.WebAuthnCredentials;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.idp.mfa.WebAuthnCeremony.Purpose;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.RequestCache;
import io.monban.idp.signin.SignInRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * My account: security keys and passkeys. Adding or removing one changes how the account is
 * protected, so a user who already has a second factor must have given it recently (within the
 * step-up lifetime); an open or stolen session alone is not enough to plant or remove a key.
 */
@Controller
public class WebAuthnRegistrationController {

    static final String PATH = SecondFactorAuthorization.WEBAUTHN_PATH;

    private final WebAuthnRelyingParty relyingParty;
    private final WebAuthnCredentials credentials;
    private final EnrolledFactors factors;
    private final DirectoryService directory;
    private final StepUp stepUp;
    private final AuditLog audit;
    private final RequestCache requests;

    public WebAuthnRegistrationController(WebAuthnRelyingParty relyingParty, WebAuthnCredentials credentials,
                                          EnrolledFactors factors, DirectoryService directory,
                                          StepUp stepUp, AuditLog audit, SignInRequestCache requests) {
        this.requests = requests;
        this.relyingParty = relyingParty;
        this.credentials = credentials;
        this.factors = factors;
        this.directory = directory;
        this.stepUp = stepUp;
        this.audit = audit;
    }

    @GetMapping(PATH)
    public String page(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
                       Model model) throws java.io.IOException {
        UUID userId = UUID.fromString(authentication.getName());
        if (!recentlyProved(authentication, userId)) {
            stepUp.start(authentication, request, response);
            return null;
        }
        model.addAttribute("keys", credentials.of(userId));
        model.addAttribute("enrolling", SecondFactor.mustEnrol(authentication)
                || (request.getParameter("required") != null && !factors.any(userId)));
        return "webauthn-keys";
    }

    @PostMapping(path = PATH + "/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<String> options(@RequestParam(name = "passkey", defaultValue = "false") boolean passkey,
                                          Authentication authentication, HttpServletRequest request) {
        UUID userId = UUID.fromString(authentication.getName());
        if (!recentlyProved(authentication, userId)) {
            return ResponseEntity.status(403).body("{\"next\":\"" + PATH + "\"}");
        }
        User user = directory.findWithMemberships(userId).orElseThrow();
        WebAuthnRelyingParty.Options options = relyingParty.registration(user, passkey);
        options.ceremony().keepIn(request.getSession());
        return ResponseEntity.ok(options.json());
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, String>> register(@RequestBody String answer,
                                                        @RequestParam(name = "label", defaultValue = "") String label,
                                                        Authentication authentication, HttpServletRequest request,
                                                        HttpServletResponse response) {
        UUID userId = UUID.fromString(authentication.getName());
        if (!recentlyProved(authentication, userId)) {
            return ResponseEntity.status(403).body(Map.of("next", PATH));
        }
        WebAuthnCeremony ceremony = WebAuthnCeremony.takeFrom(request.getSession(false), Purpose.REGISTRATION);
        if (ceremony != null && !userId.equals(ceremony.userId())) {
            ceremony = null;
        }
        NewWebAuthnCredential verified;
        try {
            verified = relyingParty.verifyRegistration(ceremony, answer, label);
            credentials.register(userId, verified);
        } catch (WebAuthnRejectedException e) {
            audit.recordAlone(AuditRecord.failure("mfa.webauthn.registered", userId.toString(), "reason=" + e.code()));
            return ResponseEntity.badRequest().body(Map.of("error", e.code(), "next", PATH + "?error=" + e.code()));
        } catch (CredentialRejectedException e) {
            audit.recordAlone(AuditRecord.failure("mfa.webauthn.registered", userId.toString(), "reason=refused"));
            return ResponseEntity.badRequest().body(Map.of("error", "refused", "next", PATH + "?error=refused"));
        }
        // The user just proved the new key: this session counts it as a factor (as for an
        // authenticator app), so the key list, and anything the sign-in was going to (a forced
        // set-up, or an application's step-up that found no factor), opens.
        SecondFactor.replace(SecondFactor.withFactor(authentication, verified.backupEligible()
                ? SecondFactor.SOFTWARE_KEY_FACTOR : SecondFactor.HARDWARE_KEY_FACTOR), request, response);
        var saved = requests.getRequest(request, response);
        return ResponseEntity.ok(Map.of("next", saved != null ? saved.getRedirectUrl() : PATH + "?added"));
    }

    @PostMapping(PATH + "/{id}/remove")
    public String remove(@PathVariable("id") UUID id, Authentication authentication) {
        UUID userId = UUID.fromString(authentication.getName());
        if (!recentlyProved(authentication, userId)) {
            return "redirect:" + PATH;
        }
        return "redirect:" + PATH + (credentials.remove(userId, id) ? "?removed" : "?error=unknown-credential-id");
    }

    /** No second factor yet (nothing to prove), or one given within the step-up lifetime. */
    private boolean recentlyProved(Authentication authentication, UUID userId) {
        return !factors.any(userId) || stepUp.isSatisfied(authentication);
    }
}
