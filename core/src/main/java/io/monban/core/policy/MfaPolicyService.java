package io.monban.core.policy;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The second-factor policy, kept in the database so that every node applies the same one. */
@Service
public class MfaPolicyService {

    private static final int ROW = 1;

    private final MfaPolicyRepository rows;
    private final AuditLog audit;
    private final Clock clock;

    public MfaPolicyService(MfaPolicyRepository rows, AuditLog audit, Clock clock) {
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public MfaRequirement current() {
        return rows.findById(ROW).orElseThrow(() -> new IllegalStateException("MFA policy row missing"))
                .toRequirement();
    }

    @Transactional
    public void replace(MfaRequirement requirement) {
        MfaPolicyRow row = rows.findById(ROW).orElseThrow(() -> new IllegalStateException("MFA policy row missing"));
        if (!row.toRequirement().equals(requirement)) {
            row.set(requirement, clock.instant());
            audit.record(AuditRecord.success("policy.mfa.changed", "mfa-policy", "everyone=" + requirement.everyone()
                    + " groups=" + requirement.groups() + " roles=" + requirement.roles()
                    + " step_up=" + requirement.stepUpLifetime() + " remember_days=" + requirement.rememberBrowserDays()
                    + " passkey_sign_in=" + requirement.passkeySignIn()
                    + " accepted=" + requirement.acceptedFactors().stream().map(Enum::name).sorted().toList()));
        }
    }
}
