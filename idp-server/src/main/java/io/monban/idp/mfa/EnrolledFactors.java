package io.monban.idp.mfa;

import io.monban.core.credential.TotpService;
import io.monban.core.credential.WebAuthnCredentials;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Which second factors a user has set up: the sign-in asks for one of them. */
@Component
public class EnrolledFactors {

    private final TotpService totp;
    private final WebAuthnCredentials keys;

    public EnrolledFactors(TotpService totp, WebAuthnCredentials keys) {
        this.totp = totp;
        this.keys = keys;
    }

    public boolean totp(UUID userId) {
        return totp.isEnrolled(userId);
    }

    public boolean keys(UUID userId) {
        return keys.hasUsable(userId);
    }

    public boolean any(UUID userId) {
        return totp(userId) || keys(userId);
    }
}
