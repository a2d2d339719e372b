package io.monban.idp.saml;

import io.monban.core.application.SamlEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.AssertionConsumerService;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.EncryptionMethod;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.encryption.support.EncryptionConstants;
import org.opensaml.xmlsec.keyinfo.KeyInfoSupport;

/**
 * Reads a service provider's metadata (an EntityDescriptor with an SPSSODescriptor): entityID,
 * ACS and SLO endpoints of the bindings Monban speaks, certificates by use, whether it signs its
 * requests and wants signed assertions, and the encryption algorithms it lists (the first that
 * Monban supports, in the SP's order of preference).
 */
final class SpMetadataParser {

    static final Set<String> BINDINGS = Set.of(SAMLConstants.SAML2_REDIRECT_BINDING_URI,
            SAMLConstants.SAML2_POST_BINDING_URI);
    static final List<String> DATA_ALGORITHMS = List.of(EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES256_GCM,
            EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES128_GCM, EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES256,
            EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES128);
    static final List<String> KEY_TRANSPORT_ALGORITHMS = List.of(EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP11,
            EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP);

    /** What metadata says about an SP. */
    record SpMetadata(String entityId, List<SamlEndpoint> endpoints, List<String> signingCertificates,
                      List<String> encryptionCertificates, boolean authnRequestsSigned, boolean wantAssertionsSigned,
                      String dataEncryptionAlgorithm, String keyTransportAlgorithm) {
    }

    private SpMetadataParser() {
    }

    static SpMetadata parse(String xml) throws SamlMessageException {
        XMLObject object = OpenSaml.unmarshall(OpenSaml.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement());
        if (!(object instanceof EntityDescriptor entity)) {
            throw new SamlMessageException("metadata must be one EntityDescriptor");
        }
        if (entity.getEntityID() == null || entity.getEntityID().isBlank()) {
            throw new SamlMessageException("metadata has no entityID");
        }
        SPSSODescriptor sp = entity.getSPSSODescriptor(SAMLConstants.SAML20P_NS);
        if (sp == null) {
            throw new SamlMessageException("metadata has no SPSSODescriptor for SAML 2.0");
        }
        List<SamlEndpoint> endpoints = new ArrayList<>();
        for (AssertionConsumerService acs : sp.getAssertionConsumerServices()) {
            if (SAMLConstants.SAML2_POST_BINDING_URI.equals(acs.getBinding())) {
                endpoints.add(SamlEndpoint.acs(acs.getBinding(), acs.getLocation(), acs.getIndex(),
                        Boolean.TRUE.equals(acs.isDefault())));
            }
        }
        if (endpoints.isEmpty()) {
            throw new SamlMessageException("metadata has no AssertionConsumerService with the HTTP-POST binding");
        }
        for (SingleLogoutService slo : sp.getSingleLogoutServices()) {
            if (BINDINGS.contains(slo.getBinding())) {
                endpoints.add(SamlEndpoint.slo(slo.getBinding(), slo.getLocation(), slo.getResponseLocation()));
            }
        }
        List<String> signing = new ArrayList<>();
        List<String> encryption = new ArrayList<>();
        String data = null;
        String transport = null;
        for (KeyDescriptor key : sp.getKeyDescriptors()) {
            List<String> pems = certificates(key);
            if (key.getUse() == null || key.getUse() == UsageType.UNSPECIFIED || key.getUse() == UsageType.SIGNING) {
                signing.addAll(pems);
            }
            if (key.getUse() == null || key.getUse() == UsageType.UNSPECIFIED || key.getUse() == UsageType.ENCRYPTION) {
                encryption.addAll(pems);
                for (EncryptionMethod method : key.getEncryptionMethods()) {
                    String algorithm = method.getAlgorithm();
                    if (data == null && DATA_ALGORITHMS.contains(algorithm)) {
                        data = algorithm;
                    }
                    if (transport == null && KEY_TRANSPORT_ALGORITHMS.contains(algorithm)) {
                        transport = algorithm;
                    }
                }
            }
        }
        return new SpMetadata(entity.getEntityID(), endpoints, signing, encryption,
                Boolean.TRUE.equals(sp.isAuthnRequestsSigned()), Boolean.TRUE.equals(sp.getWantAssertionsSigned()),
                data, transport);
    }

    private static List<String> certificates(KeyDescriptor key) throws SamlMessageException {
        if (key.getKeyInfo() == null) {
            return List.of();
        }
        try {
            List<String> pems = new ArrayList<>();
            for (X509Certificate certificate : KeyInfoSupport.getCertificates(key.getKeyInfo())) {
                pems.add(Pem.encode(certificate));
            }
            return pems;
        } catch (CertificateException e) {
            throw new SamlMessageException("metadata has a KeyDescriptor whose certificate cannot be read");
        }
    }
}
