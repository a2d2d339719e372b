package io.monban.idp.saml;

import io.monban.core.crypto.SigningAlgorithm;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.List;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.NameIDType;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.keyinfo.KeyInfoSupport;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The IdP's metadata at a stable URL. Every published key is listed (signing and encryption
 * separately, with {@code use}), so a successor appears here before it signs and SPs that
 * refresh metadata pick it up in time. {@code ?signed=true} signs the document for SPs that
 * refresh it automatically and verify it.
 */
@RestController
class SamlMetadataController {

    static final MediaType SAML_METADATA = MediaType.parseMediaType("application/samlmetadata+xml");
    static final List<String> NAME_ID_FORMATS = List.of(NameIDType.PERSISTENT, NameIDType.EMAIL, NameIDType.UNSPECIFIED,
            NameIDType.TRANSIENT);

    private final SamlEndpoints endpoints;
    private final SamlKeys keys;
    private final SamlSigner signer;
    private final SamlProperties properties;
    private final Clock clock;

    SamlMetadataController(SamlEndpoints endpoints, SamlKeys keys, SamlSigner signer, SamlProperties properties,
                           Clock clock) {
        OpenSaml.ensureInitialized();
        this.endpoints = endpoints;
        this.keys = keys;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(SamlEndpoints.METADATA)
    ResponseEntity<String> metadata(@RequestParam(name = "signed", defaultValue = "false") boolean signed) {
        EntityDescriptor entity = OpenSaml.build(EntityDescriptor.DEFAULT_ELEMENT_NAME);
        entity.setEntityID(endpoints.entityId());
        entity.setID(SamlResponseBuilder.newId());
        entity.setValidUntil(clock.instant().plus(properties.metadataValidity()));
        IDPSSODescriptor idp = OpenSaml.build(IDPSSODescriptor.DEFAULT_ELEMENT_NAME);
        idp.addSupportedProtocol(SAMLConstants.SAML20P_NS);
        idp.setWantAuthnRequestsSigned(false);
        keys.published(SigningAlgorithm.SAML_SIGN).forEach(k -> idp.getKeyDescriptors()
                .add(keyDescriptor(k, UsageType.SIGNING)));
        keys.published(SigningAlgorithm.SAML_ENC).forEach(k -> idp.getKeyDescriptors()
                .add(keyDescriptor(k, UsageType.ENCRYPTION)));
        for (String binding : List.of(SAMLConstants.SAML2_REDIRECT_BINDING_URI, SAMLConstants.SAML2_POST_BINDING_URI)) {
            SingleLogoutService slo = OpenSaml.build(SingleLogoutService.DEFAULT_ELEMENT_NAME);
            slo.setBinding(binding);
            slo.setLocation(endpoints.url(SamlEndpoints.SLO));
            idp.getSingleLogoutServices().add(slo);
        }
        for (String format : NAME_ID_FORMATS) {
            NameIDFormat nameIdFormat = OpenSaml.build(NameIDFormat.DEFAULT_ELEMENT_NAME);
            nameIdFormat.setURI(format);
            idp.getNameIDFormats().add(nameIdFormat);
        }
        for (String binding : List.of(SAMLConstants.SAML2_REDIRECT_BINDING_URI, SAMLConstants.SAML2_POST_BINDING_URI)) {
            SingleSignOnService sso = OpenSaml.build(SingleSignOnService.DEFAULT_ELEMENT_NAME);
            sso.setBinding(binding);
            sso.setLocation(endpoints.url(SamlEndpoints.SSO));
            idp.getSingleSignOnServices().add(sso);
        }
        entity.getRoleDescriptors().add(idp);
        if (signed) {
            signer.sign(entity);
        }
        return ResponseEntity.ok().contentType(SAML_METADATA).header("Cache-Control", "max-age=300")
                .body(OpenSaml.toXml(OpenSaml.marshall(entity)));
    }

    private static KeyDescriptor keyDescriptor(SamlKeys.SamlKey key, UsageType use) {
        KeyDescriptor descriptor = OpenSaml.build(KeyDescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.setUse(use);
        KeyInfo keyInfo = OpenSaml.build(KeyInfo.DEFAULT_ELEMENT_NAME);
        KeyInfoSupport.addKeyName(keyInfo, key.kid());
        try {
            KeyInfoSupport.addCertificate(keyInfo, key.credential().getEntityCertificate());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate " + key.kid(), e);
        }
        descriptor.setKeyInfo(keyInfo);
        return descriptor;
    }
}
