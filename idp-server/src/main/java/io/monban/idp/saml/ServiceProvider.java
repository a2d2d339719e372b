package io.monban.idp.saml;

import io.monban.core.application.SamlEndpoint;
import io.monban.core.application.SamlServiceProviderSpec;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opensaml.security.x509.BasicX509Credential;

/** A registered SP as the protocol code uses it: its settings and its certificates, parsed once. */
record ServiceProvider(SamlServiceProviderSpec spec, List<BasicX509Credential> verificationCredentials,
                       List<X509Certificate> encryptionCertificates) {

    static ServiceProvider of(SamlServiceProviderSpec spec) {
        return new ServiceProvider(spec,
                spec.signingCertificates().stream().map(Pem::decode).map(BasicX509Credential::new).toList(),
                spec.encryptionCertificates().stream().map(Pem::decode).toList());
    }

    String entityId() {
        return spec.entityId();
    }

    /** Whether its requests must carry a valid signature. */
    boolean mustSign() {
        return spec.authnRequestsSigned();
    }

    List<SamlEndpoint> acs() {
        return spec.endpoints().stream().filter(e -> e.kind() == SamlEndpoint.Kind.ACS).toList();
    }

    List<SamlEndpoint> slo() {
        return spec.endpoints().stream().filter(e -> e.kind() == SamlEndpoint.Kind.SLO).toList();
    }

    /** The ACS marked default, else the one with the lowest index, else the first (SAML metadata rules). */
    SamlEndpoint defaultAcs() {
        List<SamlEndpoint> all = acs();
        return all.stream().filter(SamlEndpoint::isDefault).findFirst()
                .or(() -> all.stream().filter(e -> e.index() != null).min(Comparator.comparing(SamlEndpoint::index)))
                .orElse(all.get(0));
    }

    Optional<SamlEndpoint> acsByIndex(int index) {
        return acs().stream().filter(e -> e.index() != null && e.index() == index).findFirst();
    }

    /** An ACS registered with exactly this URL (exact string match, no normalisation). */
    Optional<SamlEndpoint> acsByUrl(String url) {
        return acs().stream().filter(e -> e.location().equals(url)).findFirst();
    }

    /** Where to send logout messages: Redirect preferred (no page needed), else POST. */
    Optional<SamlEndpoint> logoutEndpoint() {
        List<SamlEndpoint> all = slo();
        return all.stream().filter(e -> e.binding().endsWith("HTTP-Redirect")).findFirst()
                .or(() -> all.stream().findFirst());
    }
}
