package io.monban.idp.mfa;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.idp.mfa.WebAuthnCeremony.Purpose;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second step with a WebAuthn key: the browser asks for options, lets the authenticator sign
 * the challenge, and posts the answer. Refusals count towards the same lockout as wrong codes.
 */
@RestController
public class WebAuthnChallengeController {

    static final String OPTIONS_PATH = SecondFactorAuthorization.CHALLENGE_PATH + "/webauthn/options";
    static final String ANSWER_PATH = SecondFactorAuthorization.CHALLENGE_PATH + "/webauthn";

    private final WebAuthnRelyingParty relyingParty;
    private final SecondFactorCompletion completion;
    private final AuditLog audit;

    public WebAuthnChallengeController(WebAuthnRelyingParty relyingParty, SecondFactorCompletion completion,
                                       AuditLog audit) {
        this.relyingParty = relyingParty;
        this.completion = completion;
        this.audit = audit;
    }

    @PostMapping(path = OPTIONS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> options(Authentication authentication, HttpServletRequest request) {
        if (!SecondFactorCompletion.awaitsSecondFactor(authentication)) {
            return ResponseEntity.status(409).body("{\"error\":\"no second factor is awaited\"}");
        }
        WebAuthnRelyingParty.Options options = relyingParty.assertion(Purpose.SECOND_FACTOR,
                UUID.fromString(authentication.getName()));
        options.ceremony().keepIn(request.getSession());
        return ResponseEntity.ok(options.json());
    }

    @PostMapping(path = ANSWER_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> answer(@RequestBody String answer, Authentication authentication,
                                                      HttpServletRequest request, HttpServletResponse response) {
        if (!SecondFactorCompletion.awaitsSecondFactor(authentication)) {
            return ResponseEntity.status(409).body(Map.of("next", "/"));
        }
        WebAuthnCeremony ceremony = WebAuthnCeremony.takeFrom(request.getSession(false), Purpose.SECOND_FACTOR);
        AtomicReference<WebAuthnRelyingParty.Assertion> accepted = new AtomicReference<>();
        AtomicReference<WebAuthnRejectedException> refused = new AtomicReference<>();
        SecondFactorCompletion.Outcome outcome = completion.complete(authentication, request, response, userId -> {
            try {
                accepted.set(relyingParty.verifyAssertion(ceremony, answer));
                return true;
            } catch (WebAuthnRejectedException e) {
                refused.set(e);
                audit.recordAlone(AuditRecord.failure("signin.webauthn", userId.toString(), "reason=" + e.code()));
                return false;
            }
        }, () -> factorOf(accepted.get()));
        if (!outcome.accepted()) {
            String next = refused.get() != null && outcome.next().endsWith("?error")
                    ? SecondFactorAuthorization.CHALLENGE_PATH + "?keyError=" + refused.get().code() : outcome.next();
            return ResponseEntity.badRequest().body(Map.of("next", next,
                    "error", refused.get() == null ? "locked" : refused.get().code()));
        }
        audit.recordAlone(AuditRecord.success("signin.webauthn", authentication.getName(),
                "credential=" + accepted.get().credential().getId()));
        return ResponseEntity.ok(Map.of("next", outcome.next()));
    }

    /** A synced passkey is a software key (amr "swk"); a device-bound key a hardware one ("hwk"). */
    public static String factorOf(WebAuthnRelyingParty.Assertion assertion) {
        return assertion.credential().isBackupEligible() ? SecondFactor.SOFTWARE_KEY_FACTOR
                : SecondFactor.HARDWARE_KEY_FACTOR;
    }
}
