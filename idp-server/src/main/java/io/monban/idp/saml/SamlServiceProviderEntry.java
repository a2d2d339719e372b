package io.monban.idp.saml;

import java.util.List;

/**
 * A service provider as the bootstrap file (or the admin API) gives it: its metadata (inline or
 * a file) or, by hand, its entityID, ACS URLs, SLO URL and certificates; plus Monban's settings.
 * {@code assignment} and {@code enabled} are the application's (who may use it; see
 * {@code io.monban.core.application}). {@code config/README.md} documents the keys.
 */
public record SamlServiceProviderEntry(String name, String metadata, String metadataFile, String entityId,
                                       List<String> acsUrls, String sloUrl, List<String> certificates,
                                       Boolean authnRequestsSigned, Boolean wantAssertionsSigned,
                                       String nameIdFormat, List<AttributeEntry> attributes, Boolean signResponse,
                                       Boolean signAssertion, Boolean encryptAssertions, Boolean requireMfa,
                                       String dataEncryptionAlgorithm, String keyTransportAlgorithm,
                                       Object assignment, Boolean enabled) {

    public SamlServiceProviderEntry {
        acsUrls = acsUrls == null ? List.of() : acsUrls;
        certificates = certificates == null ? List.of() : certificates;
    }

    /** {@code source}: a user property; {@code name}: the SAML attribute name; {@code nameFormat}: basic, uri or a URN. */
    public record AttributeEntry(String source, String name, String nameFormat) {
    }
}
