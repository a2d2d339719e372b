package io.monban.idp.saml;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SAML identity provider.
 *
 * @param entityId                the IdP's entityID; empty: the issuer + {@code /saml2}
 * @param clockSkew               tolerated difference between the SP's clock and ours
 * @param requestLifetime         how old (IssueInstant) a request may be, plus the skew
 * @param assertionLifetime       NotOnOrAfter of assertions and of the bearer confirmation
 * @param metadataValidity        validUntil of the IdP metadata
 * @param dataEncryptionAlgorithm default XML Encryption algorithm of encrypted assertions, for SPs
 *                                whose metadata names none
 * @param keyTransportAlgorithm   default key transport algorithm, likewise
 * @param maxMessageBytes         largest message accepted, before and after inflating
 */
@ConfigurationProperties("monban.saml")
public record SamlProperties(String entityId,
                             @DefaultValue("2m") Duration clockSkew,
                             @DefaultValue("5m") Duration requestLifetime,
                             @DefaultValue("5m") Duration assertionLifetime,
                             @DefaultValue("7d") Duration metadataValidity,
                             @DefaultValue("http://www.w3.org/2009/xmlenc11#aes256-gcm") String dataEncryptionAlgorithm,
                             @DefaultValue("http://www.w3.org/2009/xmlenc11#rsa-oaep") String keyTransportAlgorithm,
                             @DefaultValue("131072") int maxMessageBytes) {

    /** The entityID to use with this issuer. */
    String entityId(String issuer) {
        return entityId == null || entityId.isBlank() ? issuer + "/saml2" : entityId;
    }
}
