package io.monban.idp.mfa;

import io.monban.core.credential.TotpService;
import io.monban.core.credential.WebAuthnCredentials;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.SecondFactorKind;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Which second factors a user has set up that the policy accepts: the sign-in asks for one of
 * them. A factor of a kind the policy no longer accepts does not count, but it does not lower
 * the user's protection either: see {@link #onlyUnaccepted(UUID)}.
 */
@Component
public class EnrolledFactors {

    private final TotpService totp;
    private final WebAuthnCredentials keys;
    private final MfaPolicyService policy;

    public EnrolledFactors(TotpService totp, WebAuthnCredentials keys, MfaPolicyService policy) {
        this.totp = totp;
        this.keys = keys;
        this.policy = policy;
    }

    /** An authenticator app (and so recovery codes), accepted by the policy. */
    public boolean totp(UUID userId) {
        return policy.current().accepts(SecondFactorKind.TOTP) && totp.isEnrolled(userId);
    }

    public boolean keys(UUID userId) {
        return policy.current().accepts(SecondFactorKind.WEBAUTHN) && keys.hasUsable(userId);
    }

    public boolean any(UUID userId) {
        return totp(userId) || keys(userId);
    }

    /**
     * The user chose a second factor, but only of kinds the policy no longer accepts: the user
     * must set up an accepted one rather than drop to the password alone.
     */
    public boolean onlyUnaccepted(UUID userId) {
        return !any(userId) && (totp.isEnrolled(userId) || keys.hasUsable(userId));
    }
}
