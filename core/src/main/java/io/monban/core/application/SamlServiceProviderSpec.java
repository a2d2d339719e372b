package io.monban.core.application;

import java.util.List;

/**
 * What registers (or updates) a service provider: the fields parsed from its metadata plus the
 * IdP-side settings. The same value comes from the bootstrap file, the admin API or by hand.
 *
 * @param metadataXml            the metadata as uploaded, or null when registered by hand
 * @param signingCertificates    PEM certificates that verify the SP's signatures
 * @param encryptionCertificates PEM certificates assertions are encrypted to
 * @param nameIdFormat           a full SAML NameID format URN
 * @param dataEncryptionAlgorithm  XML Encryption URI for the assertion, null for the configured default
 * @param keyTransportAlgorithm  XML Encryption URI for the key transport, null for the configured default
 */
public record SamlServiceProviderSpec(String entityId, String name, String metadataXml,
                                      List<SamlEndpoint> endpoints, List<String> signingCertificates,
                                      List<String> encryptionCertificates, boolean authnRequestsSigned,
                                      boolean wantAssertionsSigned, boolean signResponse, boolean signAssertion,
                                      boolean encryptAssertions, String nameIdFormat,
                                      List<SamlAttribute> attributes, boolean requireMfa,
                                      String dataEncryptionAlgorithm, String keyTransportAlgorithm) {

    public SamlServiceProviderSpec {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        signingCertificates = signingCertificates == null ? List.of() : List.copyOf(signingCertificates);
        encryptionCertificates = encryptionCertificates == null ? List.of() : List.copyOf(encryptionCertificates);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }
}
