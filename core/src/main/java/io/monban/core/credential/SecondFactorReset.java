package io.monban.core.credential;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.policy.RememberedBrowsers;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator's reset of a user who lost every second factor: authenticator app, recovery
 * codes, security keys and passkeys, and remembered browsers go in one transaction, so the user
 * sets up a new factor at the next sign-in (the policy still requires one). The governance work
 * puts this behind four-eyes approval; until then the console calls it directly.
 */
@Service
public class SecondFactorReset {

    private final TotpService totp;
    private final RecoveryCodeRepository recoveryCodes;
    private final WebAuthnCredentialRepository keys;
    private final RememberedBrowsers browsers;
    private final AuditLog audit;

    public SecondFactorReset(TotpService totp, RecoveryCodeRepository recoveryCodes, WebAuthnCredentialRepository keys,
                             RememberedBrowsers browsers, AuditLog audit) {
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.keys = keys;
        this.browsers = browsers;
        this.audit = audit;
    }

    @Transactional
    public void resetAll(UUID userId, String reason) {
        totp.remove(userId);
        recoveryCodes.deleteByUserId(userId);
        long removedKeys = keys.deleteByUserId(userId);
        browsers.forgetAll(userId);
        audit.record(AuditRecord.success("mfa.factors.reset", userId.toString(),
                "keys=" + removedKeys + " reason=" + reason));
    }
}
