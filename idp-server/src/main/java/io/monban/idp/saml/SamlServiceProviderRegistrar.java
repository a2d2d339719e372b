package io.monban.idp.saml;

import io.monban.core.application.SamlAttribute;
import io.monban.core.application.SamlEndpoint;
import io.monban.core.application.SamlServiceProviderService;
import io.monban.core.application.SamlServiceProviderSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.NameIDType;
import org.springframework.stereotype.Component;

/**
 * Turns a service-provider entry (bootstrap file, admin API) into a registration: parses the
 * metadata, applies Monban's settings over it, and reports every problem as {@code key: reason}.
 */
@Component
public class SamlServiceProviderRegistrar {

    static final Map<String, String> NAME_ID_FORMATS = Map.of("persistent", NameIDType.PERSISTENT,
            "emailAddress", NameIDType.EMAIL, "unspecified", NameIDType.UNSPECIFIED, "transient", NameIDType.TRANSIENT);
    static final Map<String, String> NAME_FORMATS = Map.of("basic", SamlAttributes.BASIC, "uri", SamlAttributes.URI,
            "unspecified", "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified");

    private final SamlServiceProviderService registry;
    private final ServiceProviders cache;

    public SamlServiceProviderRegistrar(SamlServiceProviderService registry, ServiceProviders cache) {
        OpenSaml.ensureInitialized();
        this.registry = registry;
        this.cache = cache;
    }

    /** Problems of the entry ({@code key: reason}), empty when it can be registered. */
    public List<String> validate(SamlServiceProviderEntry entry, Path baseDirectory) {
        List<String> problems = new ArrayList<>();
        try {
            toSpec(entry, baseDirectory, problems);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** Registers or updates the SP; returns its entityID. */
    public String register(SamlServiceProviderEntry entry, Path baseDirectory) {
        List<String> problems = new ArrayList<>();
        SamlServiceProviderSpec spec = toSpec(entry, baseDirectory, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        registry.register(spec);
        cache.forget(spec.entityId());
        return spec.entityId();
    }

    /** The entityID the entry names (parsing its metadata if needed), for duplicate checks. */
    public String entityId(SamlServiceProviderEntry entry, Path baseDirectory) {
        List<String> problems = new ArrayList<>();
        SamlServiceProviderSpec spec = toSpec(entry, baseDirectory, problems);
        return spec == null ? null : spec.entityId();
    }

    private SamlServiceProviderSpec toSpec(SamlServiceProviderEntry entry, Path baseDirectory, List<String> problems) {
        String metadata = entry.metadata();
        if (entry.metadata() != null && entry.metadataFile() != null) {
            problems.add("metadata: give either metadata or metadataFile, not both");
            return null;
        }
        if (entry.metadataFile() != null) {
            Path file = baseDirectory == null ? Path.of(entry.metadataFile())
                    : baseDirectory.resolve(entry.metadataFile());
            try {
                metadata = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add("metadataFile: cannot read " + file);
                return null;
            }
        }
        String entityId = entry.entityId();
        List<SamlEndpoint> endpoints = new ArrayList<>();
        List<String> signing = new ArrayList<>();
        List<String> encryption = new ArrayList<>();
        boolean requestsSigned = false;
        boolean wantAssertionsSigned = false;
        String data = null;
        String transport = null;
        if (metadata != null) {
            try {
                SpMetadataParser.SpMetadata parsed = SpMetadataParser.parse(metadata);
                if (entityId != null && !entityId.equals(parsed.entityId())) {
                    problems.add("entityId: differs from the metadata's entityID " + parsed.entityId());
                }
                entityId = parsed.entityId();
                endpoints.addAll(parsed.endpoints());
                signing.addAll(parsed.signingCertificates());
                encryption.addAll(parsed.encryptionCertificates());
                requestsSigned = parsed.authnRequestsSigned();
                wantAssertionsSigned = parsed.wantAssertionsSigned();
                data = parsed.dataEncryptionAlgorithm();
                transport = parsed.keyTransportAlgorithm();
            } catch (SamlMessageException e) {
                problems.add((entry.metadataFile() != null ? "metadataFile: " : "metadata: ") + e.getMessage());
                return null;
            }
        } else {
            if (entityId == null || entityId.isBlank()) {
                problems.add("entityId: required without metadata");
                return null;
            }
            if (entry.acsUrls().isEmpty()) {
                problems.add("acsUrls: at least one is required without metadata");
            }
            for (int i = 0; i < entry.acsUrls().size(); i++) {
                endpoints.add(SamlEndpoint.acs(SAMLConstants.SAML2_POST_BINDING_URI, entry.acsUrls().get(i), i, i == 0));
            }
            if (entry.sloUrl() != null) {
                endpoints.add(SamlEndpoint.slo(SAMLConstants.SAML2_REDIRECT_BINDING_URI, entry.sloUrl(), null));
            }
            for (int i = 0; i < entry.certificates().size(); i++) {
                try {
                    String pem = Pem.encode(Pem.decode(entry.certificates().get(i)));
                    signing.add(pem);
                    encryption.add(pem);
                } catch (IllegalArgumentException e) {
                    problems.add("certificates[" + i + "]: not an X.509 certificate (PEM)");
                }
            }
        }
        if (entityId.length() > 1024) {
            problems.add("entityId: longer than 1024 characters");
        }
        for (SamlEndpoint endpoint : endpoints) {
            checkUrl(endpoint.location(), problems);
        }
        if (entry.authnRequestsSigned() != null) {
            requestsSigned = entry.authnRequestsSigned();
        }
        if (entry.wantAssertionsSigned() != null) {
            wantAssertionsSigned = entry.wantAssertionsSigned();
        }
        if (requestsSigned && signing.isEmpty()) {
            problems.add("authnRequestsSigned: the SP has no signing certificate to verify its requests with");
        }
        String format = entry.nameIdFormat() == null ? NameIDType.PERSISTENT
                : NAME_ID_FORMATS.getOrDefault(entry.nameIdFormat(),
                NAME_ID_FORMATS.containsValue(entry.nameIdFormat()) ? entry.nameIdFormat() : null);
        if (format == null) {
            problems.add("nameIdFormat: must be one of persistent, emailAddress, unspecified, transient");
        }
        List<SamlAttribute> attributes = new ArrayList<>();
        if (entry.attributes() != null) {
            for (int i = 0; i < entry.attributes().size(); i++) {
                SamlServiceProviderEntry.AttributeEntry a = entry.attributes().get(i);
                if (a.source() == null || !SamlAttribute.SOURCES.contains(a.source())) {
                    problems.add("attributes[" + i + "].source: must be one of " + SamlAttribute.SOURCES);
                    continue;
                }
                String nameFormat = a.nameFormat() == null ? SamlAttributes.BASIC
                        : NAME_FORMATS.getOrDefault(a.nameFormat(), a.nameFormat());
                attributes.add(new SamlAttribute(a.source(), a.name() == null ? a.source() : a.name(), nameFormat));
            }
        } else {
            attributes.addAll(SamlAttributes.DEFAULTS);
        }
        boolean encrypt = Boolean.TRUE.equals(entry.encryptAssertions());
        if (encrypt && encryption.isEmpty()) {
            problems.add("encryptAssertions: the SP has no encryption certificate");
        }
        if (entry.dataEncryptionAlgorithm() != null) {
            if (!SpMetadataParser.DATA_ALGORITHMS.contains(entry.dataEncryptionAlgorithm())) {
                problems.add("dataEncryptionAlgorithm: must be one of " + SpMetadataParser.DATA_ALGORITHMS);
            }
            data = entry.dataEncryptionAlgorithm();
        }
        if (entry.keyTransportAlgorithm() != null) {
            if (!SpMetadataParser.KEY_TRANSPORT_ALGORITHMS.contains(entry.keyTransportAlgorithm())) {
                problems.add("keyTransportAlgorithm: must be one of " + SpMetadataParser.KEY_TRANSPORT_ALGORITHMS);
            }
            transport = entry.keyTransportAlgorithm();
        }
        boolean signResponse = entry.signResponse() == null || entry.signResponse();
        boolean signAssertion = entry.signAssertion() == null ? wantAssertionsSigned : entry.signAssertion();
        return new SamlServiceProviderSpec(entityId, entry.name() == null ? entityId : entry.name(), metadata,
                endpoints, signing, encryption, requestsSigned, wantAssertionsSigned, signResponse, signAssertion,
                encrypt, format, attributes, Boolean.TRUE.equals(entry.requireMfa()), data, transport);
    }

    private static void checkUrl(String url, List<String> problems) {
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null
                    || uri.getFragment() != null) {
                problems.add("endpoint " + url + ": must be an absolute http(s) URL without fragment");
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add("endpoint " + url + ": not a URL");
        }
    }
}
