package io.monban.idp.login;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.core.directory.UserStatus;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.LockoutKey;
import io.monban.core.policy.SignInLockout;
import io.monban.idp.mfa.SecondFactor;
import io.monban.idp.mfa.WebAuthnCeremony;
import io.monban.idp.mfa.WebAuthnCeremony.Purpose;
import io.monban.idp.mfa.WebAuthnChallengeController;
import io.monban.idp.mfa.WebAuthnRejectedException;
import io.monban.idp.mfa.WebAuthnRelyingParty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import io.monban.idp.signin.SignInRequestCache;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Passwordless sign-in with a discoverable passkey that verifies the user (PIN or biometric):
 * possession and the user's own verification, two factors in one step. Allowed by the MFA
 * policy ({@code passkeySignIn}); refusals count towards the address's lockout like wrong passwords.
 */
@RestController
public class PasskeySignInController {

    public static final String OPTIONS_PATH = "/login/passkey/options";
    public static final String ANSWER_PATH = "/login/passkey";

    private final WebAuthnRelyingParty relyingParty;
    private final DirectoryService directory;
    private final MfaPolicyService policy;
    private final SignInLockout lockout;
    private final AuditLog audit;
    private final RequestCache requests;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    public PasskeySignInController(WebAuthnRelyingParty relyingParty, DirectoryService directory,
                                   MfaPolicyService policy, SignInLockout lockout, AuditLog audit,
                                   SignInRequestCache requests) {
        this.requests = requests;
        this.relyingParty = relyingParty;
        this.directory = directory;
        this.policy = policy;
        this.lockout = lockout;
        this.audit = audit;
    }

    @PostMapping(path = OPTIONS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> options(HttpServletRequest request) {
        if (!policy.current().passkeySignIn()) {
            return ResponseEntity.status(403).body("{\"error\":\"passkey-sign-in-disabled\","
                    + "\"next\":\"/login?passkeyError=passkey-sign-in-disabled\"}");
        }
        WebAuthnRelyingParty.Options options = relyingParty.assertion(Purpose.PASSKEY_SIGN_IN, null);
        options.ceremony().keepIn(request.getSession());
        return ResponseEntity.ok(options.json());
    }

    @PostMapping(path = ANSWER_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> answer(@RequestBody String answer, HttpServletRequest request,
                                                      HttpServletResponse response) {
        String address = request.getRemoteAddr();
        if (!policy.current().passkeySignIn()) {
            return refused("passkey-sign-in-disabled", "/login?passkeyError=passkey-sign-in-disabled");
        }
        Optional<SignInLockout.Reservation> reservation = lockout.reserve(new LockoutKey.Address(address),
                new LockoutKey.PasskeyAddress(address));
        if (reservation.isEmpty()) {
            audit.recordAlone(AuditRecord.failure("signin.passkey", address, "reason=locked"));
            return refused("locked", "/login?locked");
        }
        WebAuthnCeremony ceremony = WebAuthnCeremony.takeFrom(request.getSession(false), Purpose.PASSKEY_SIGN_IN);
        WebAuthnRelyingParty.Assertion assertion;
        try {
            assertion = relyingParty.verifyAssertion(ceremony, answer);
        } catch (WebAuthnRejectedException e) {
            reservation.get().failed();
            audit.recordAlone(AuditRecord.failure("signin.passkey", address, "reason=" + e.code()));
            return refused(e.code(), "/login?passkeyError=" + e.code());
        } catch (RuntimeException e) {
            reservation.get().failed();
            throw e;
        }
        reservation.get().succeeded();
        Optional<User> user = directory.findWithMemberships(assertion.credential().getUserId());
        if (user.isEmpty() || user.get().getStatus() != UserStatus.ACTIVE) {
            audit.recordAlone(AuditRecord.failure("signin.passkey", assertion.credential().getUserId().toString(),
                    "reason=account-disabled"));
            return refused("account-disabled", "/login?disabled");
        }
        signIn(user.get(), assertion, request, response);
        audit.recordAlone(AuditRecord.success("signin.passkey", user.get().getId().toString(),
                "credential=" + assertion.credential().getId()));
        SavedRequest saved = requests.getRequest(request, response);
        return ResponseEntity.ok(Map.of("next", saved != null ? saved.getRedirectUrl() : "/"));
    }

    private void signIn(User user, WebAuthnRelyingParty.Assertion assertion, HttpServletRequest request,
                        HttpServletResponse response) {
        List<GrantedAuthority> authorities = new ArrayList<>(DirectoryUserDetailsService.roleAuthorities(user));
        authorities.add(FactorGrantedAuthority.fromAuthority(WebAuthnChallengeController.factorOf(assertion)));
        authorities.add(FactorGrantedAuthority.fromAuthority(SecondFactor.USER_VERIFIED_FACTOR));
        var principal = org.springframework.security.core.userdetails.User.withUsername(user.getId().toString())
                .password("").authorities(authorities).build();
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        authentication.setDetails(details.buildDetails(request));
        // A new session id, as after a password: a session id planted before sign-in is worthless.
        request.getSession();
        request.changeSessionId();
        SecondFactor.replace(authentication, request, response);
    }

    private static ResponseEntity<Map<String, String>> refused(String error, String next) {
        return ResponseEntity.badRequest().body(Map.of("error", error, "next", next));
    }
}
