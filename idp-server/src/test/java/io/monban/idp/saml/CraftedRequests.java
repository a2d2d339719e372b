package io.monban.idp.saml;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnContextComparisonTypeEnumeration;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.SessionIndex;
import org.opensaml.saml.saml2.core.RequestedAuthnContext;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.crypto.XMLSigningUtil;
import org.springframework.core.io.ClassPathResource;

/**
 * AuthnRequests made by hand (OpenSAML's object model), for the cases pysaml2 would never send:
 * bad signatures, wrapping, DOCTYPEs, replays, stale instants.
 */
final class CraftedRequests {

    static final String SP_KEY = "saml/sp-key.pem";
    static final String OTHER_KEY = "saml/other-key.pem";

    private CraftedRequests() {
        OpenSaml.ensureInitialized();
    }

    static AuthnRequest authnRequest(String issuer, String destination, Instant issued) {
        OpenSaml.ensureInitialized();
        AuthnRequest request = OpenSaml.build(AuthnRequest.DEFAULT_ELEMENT_NAME);
        request.setID(SamlResponseBuilder.newId());
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(issued);
        request.setDestination(destination);
        Issuer i = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        i.setValue(issuer);
        request.setIssuer(i);
        return request;
    }

    static void requestContext(AuthnRequest request, AuthnContextComparisonTypeEnumeration comparison, String... classes) {
        RequestedAuthnContext context = OpenSaml.build(RequestedAuthnContext.DEFAULT_ELEMENT_NAME);
        context.setComparison(comparison);
        for (String c : classes) {
            AuthnContextClassRef ref = OpenSaml.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME);
            ref.setURI(c);
            context.getAuthnContextClassRefs().add(ref);
        }
        request.setRequestedAuthnContext(context);
    }

    static BasicX509Credential credential(String keyResource, String certResource) {
        try {
            String pem = Files.readString(new ClassPathResource(keyResource).getFile().toPath());
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            X509Certificate cert = Pem.decode(Files.readString(new ClassPathResource(certResource).getFile().toPath()));
            return new BasicX509Credential(cert, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static BasicX509Credential spCredential() {
        return credential(SP_KEY, "saml/sp-cert.pem");
    }

    static BasicX509Credential otherCredential() {
        return credential(OTHER_KEY, "saml/other-cert.pem");
    }

    /** Signs with an enveloped signature; returns the XML. */
    static String signed(AuthnRequest request, BasicX509Credential credential) {
        var parameters = new org.opensaml.xmlsec.SignatureSigningParameters();
        parameters.setSigningCredential(credential);
        parameters.setSignatureAlgorithm(SamlSigner.ALGORITHM);
        parameters.setSignatureReferenceDigestMethod(
                org.opensaml.xmlsec.signature.support.SignatureConstants.ALGO_ID_DIGEST_SHA256);
        parameters.setSignatureCanonicalizationAlgorithm(
                org.opensaml.xmlsec.signature.support.SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        try {
            org.opensaml.xmlsec.signature.support.SignatureSupport.signObject(request, parameters);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return OpenSaml.toXml(OpenSaml.marshall(request));
    }

    /** An unsigned LogoutRequest from {@code issuer} for one NameID and SessionIndex; returns the XML. */
    static String logoutRequest(String issuer, String destination, String nameId, String sessionIndex) {
        OpenSaml.ensureInitialized();
        LogoutRequest request = OpenSaml.build(LogoutRequest.DEFAULT_ELEMENT_NAME);
        request.setID(SamlResponseBuilder.newId());
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(Instant.now());
        request.setDestination(destination);
        Issuer i = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        i.setValue(issuer);
        request.setIssuer(i);
        NameID name = OpenSaml.build(NameID.DEFAULT_ELEMENT_NAME);
        name.setValue(nameId);
        request.setNameID(name);
        SessionIndex index = OpenSaml.build(SessionIndex.DEFAULT_ELEMENT_NAME);
        index.setValue(sessionIndex);
        request.getSessionIndexes().add(index);
        return OpenSaml.toXml(OpenSaml.marshall(request));
    }

    static String xml(AuthnRequest request) {
        return OpenSaml.toXml(OpenSaml.marshall(request));
    }

    /** The HTTP-Redirect query (without leading ?), signed with {@code credential} when not null. */
    static String redirectQuery(String xml, String relayState, BasicX509Credential credential) {
        return redirectQuery("SAMLRequest", xml, relayState, credential);
    }

    static String redirectQuery(String parameter, String xml, String relayState, BasicX509Credential credential) {
        StringBuilder query = new StringBuilder(parameter).append("=").append(RedirectBinding.urlEncode(
                Base64.getEncoder().encodeToString(RedirectBinding.deflate(xml.getBytes(StandardCharsets.UTF_8)))));
        if (relayState != null) {
            query.append("&RelayState=").append(RedirectBinding.urlEncode(relayState));
        }
        if (credential != null) {
            query.append("&SigAlg=").append(RedirectBinding.urlEncode(SamlSigner.ALGORITHM));
            try {
                byte[] signature = XMLSigningUtil.signWithURI(credential, SamlSigner.ALGORITHM,
                        query.toString().getBytes(StandardCharsets.UTF_8));
                query.append("&Signature=").append(RedirectBinding.urlEncode(Base64.getEncoder().encodeToString(signature)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return query.toString();
    }

    static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }
}
