package io.monban.core.application;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registry of SAML service providers: register, update, remove, each audited. */
@Service
public class SamlServiceProviderService {

    private final SamlServiceProviderRepository providers;
    private final AuditLog audit;
    private final Clock clock;

    public SamlServiceProviderService(SamlServiceProviderRepository providers, AuditLog audit, Clock clock) {
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers the SP, or brings a registered one to {@code spec}; audited only when something changed. */
    @Transactional
    public SamlServiceProvider register(SamlServiceProviderSpec spec) {
        Optional<SamlServiceProvider> existing = providers.findByEntityId(spec.entityId());
        if (existing.isPresent()) {
            SamlServiceProvider provider = existing.get();
            if (provider.apply(spec, clock.instant())) {
                audit.record(AuditRecord.success("saml-sp.updated", spec.entityId(), details(spec)));
            }
            return provider;
        }
        SamlServiceProvider created = providers.save(new SamlServiceProvider(spec, clock.instant()));
        audit.record(AuditRecord.success("saml-sp.created", spec.entityId(), details(spec)));
        return created;
    }

    @Transactional(readOnly = true)
    public Optional<SamlServiceProviderSpec> find(String entityId) {
        return providers.findByEntityId(entityId).map(SamlServiceProvider::toSpec);
    }

    @Transactional(readOnly = true)
    public List<SamlServiceProviderSpec> list() {
        return providers.findAll().stream().map(SamlServiceProvider::toSpec).toList();
    }

    @Transactional
    public boolean remove(String entityId) {
        Optional<SamlServiceProvider> existing = providers.findByEntityId(entityId);
        existing.ifPresent(provider -> {
            providers.delete(provider);
            audit.record(AuditRecord.success("saml-sp.removed", entityId, null));
        });
        return existing.isPresent();
    }

    private static String details(SamlServiceProviderSpec spec) {
        return "name_id_format=" + spec.nameIdFormat() + " sign_response=" + spec.signResponse() + " sign_assertion="
                + spec.signAssertion() + " encrypt=" + spec.encryptAssertions() + " require_mfa=" + spec.requireMfa()
                + " endpoints=" + spec.endpoints().size();
    }
}
