package io.monban.core.application;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A SAML service provider registered with Monban. Protocol-free: the fields parsed from its
 * metadata, the raw metadata, and how Monban answers it. Certificates are kept as PEM text.
 */
@Entity
@Table(name = "mb_saml_sp")
public class SamlServiceProvider {

    private static final String PEM_SEPARATOR = "\n\n";

    @Id
    private UUID id;
    private String entityId;
    private String name;
    private String metadataXml;
    private String signingCertificates;
    private String encryptionCertificates;
    private boolean authnRequestsSigned;
    private boolean wantAssertionsSigned;
    private boolean signResponse;
    private boolean signAssertion;
    private boolean encryptAssertions;
    private String nameIdFormat;
    private boolean requireMfa;
    private String dataEncryptionAlgorithm;
    private String keyTransportAlgorithm;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "mb_saml_sp_endpoint", joinColumns = @JoinColumn(name = "sp_id"))
    @OrderColumn(name = "pos")
    private List<SamlEndpoint> endpoints = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "mb_saml_sp_attribute", joinColumns = @JoinColumn(name = "sp_id"))
    @OrderColumn(name = "pos")
    private List<SamlAttribute> attributes = new ArrayList<>();

    protected SamlServiceProvider() {
    }

    SamlServiceProvider(SamlServiceProviderSpec spec, Instant now) {
        this.id = UUID.randomUUID();
        this.entityId = spec.entityId();
        this.createdAt = now;
        apply(spec, now);
    }

    /** True when anything changed. */
    boolean apply(SamlServiceProviderSpec spec, Instant now) {
        if (spec.equals(toSpec())) {
            return false;
        }
        name = spec.name();
        metadataXml = spec.metadataXml();
        signingCertificates = String.join(PEM_SEPARATOR, spec.signingCertificates());
        encryptionCertificates = String.join(PEM_SEPARATOR, spec.encryptionCertificates());
        authnRequestsSigned = spec.authnRequestsSigned();
        wantAssertionsSigned = spec.wantAssertionsSigned();
        signResponse = spec.signResponse();
        signAssertion = spec.signAssertion();
        encryptAssertions = spec.encryptAssertions();
        nameIdFormat = spec.nameIdFormat();
        requireMfa = spec.requireMfa();
        dataEncryptionAlgorithm = spec.dataEncryptionAlgorithm();
        keyTransportAlgorithm = spec.keyTransportAlgorithm();
        endpoints.clear();
        endpoints.addAll(spec.endpoints());
        attributes.clear();
        attributes.addAll(spec.attributes());
        updatedAt = now;
        return true;
    }

    public SamlServiceProviderSpec toSpec() {
        return new SamlServiceProviderSpec(entityId, name, metadataXml, List.copyOf(endpoints),
                pems(signingCertificates), pems(encryptionCertificates), authnRequestsSigned, wantAssertionsSigned,
                signResponse, signAssertion, encryptAssertions, nameIdFormat, List.copyOf(attributes), requireMfa,
                dataEncryptionAlgorithm, keyTransportAlgorithm);
    }

    private static List<String> pems(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(PEM_SEPARATOR));
    }

    public UUID getId() {
        return id;
    }

    public String getEntityId() {
        return entityId;
    }

    public String getName() {
        return name;
    }

    public Optional<String> getMetadataXml() {
        return Optional.ofNullable(metadataXml);
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
