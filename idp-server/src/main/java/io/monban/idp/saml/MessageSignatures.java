package io.monban.idp.saml;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.SecurityException;
import org.opensaml.security.credential.Credential;
import org.opensaml.xmlsec.crypto.XMLSigningUtil;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks the signatures of incoming messages against an SP's registered certificates, with the
 * defences against signature wrapping: a document with more than one signature, a signature
 * anywhere but directly under the root, or an ID value that occurs twice is refused outright,
 * and the one signature must reference the root element itself (exactly one Reference, by the
 * root's ID, with only the enveloped and exclusive-c14n transforms).
 */
final class MessageSignatures {

    /** SHA-1 signatures are refused: collisions are practical. */
    static final Set<String> ACCEPTED_ALGORITHMS = Set.of(SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256,
            SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA384, SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA512,
            SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA256, SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA384,
            SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA512);

    private MessageSignatures() {
    }

    /** Refuses documents whose shape allows signature wrapping, signed or not. */
    static void checkStructure(Document document) throws SamlMessageException {
        Element root = document.getDocumentElement();
        checkIds(root, new HashSet<>());
        NodeList signatures = document.getElementsByTagNameNS(SignatureConstants.XMLSIG_NS, "Signature");
        if (signatures.getLength() > 1) {
            throw new SamlMessageException("the message carries more than one signature");
        }
        if (signatures.getLength() == 1 && signatures.item(0).getParentNode() != root) {
            throw new SamlMessageException("the signature does not sign the message itself");
        }
    }

    private static void checkIds(Element element, Set<String> ids) throws SamlMessageException {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
            boolean idLike = ("ID".equals(name) || "Id".equals(name) || "id".equals(name))
                    && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI());
            if (idLike && !ids.add(attribute.getValue())) {
                throw new SamlMessageException("the message contains the ID " + attribute.getValue() + " twice");
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                checkIds(e, ids);
            }
        }
    }

    /** Verifies the enveloped signature of {@code message} (the document root) with one of {@code credentials}. */
    static void verifyEnveloped(SignableSAMLObject message, List<? extends Credential> credentials)
            throws SamlMessageException {
        Signature signature = message.getSignature();
        if (signature == null) {
            throw new SamlMessageException("the message is not signed");
        }
        try {
            // Exactly one Reference, pointing at this element's ID, with the allowed transforms.
            new SAMLSignatureProfileValidator().validate(signature);
        } catch (SignatureException e) {
            throw new SamlMessageException("the signature does not follow the SAML signature profile: "
                    + e.getMessage());
        }
        if (!ACCEPTED_ALGORITHMS.contains(signature.getSignatureAlgorithm())) {
            throw new SamlMessageException("signature algorithm " + signature.getSignatureAlgorithm()
                    + " is not accepted");
        }
        for (Credential credential : credentials) {
            try {
                SignatureValidator.validate(signature, credential);
                return;
            } catch (SignatureException e) {
                // try the next certificate (the SP may be rolling over)
            }
        }
        throw new SamlMessageException("the signature does not verify with the SP's registered certificates");
    }

    static void verifyRedirect(InboundMessage.RedirectSignature signature, List<? extends Credential> credentials)
            throws SamlMessageException {
        if (!ACCEPTED_ALGORITHMS.contains(signature.algorithm())) {
            throw new SamlMessageException("signature algorithm " + signature.algorithm() + " is not accepted");
        }
        for (Credential credential : credentials) {
            try {
                if (XMLSigningUtil.verifyWithURI(credential, signature.algorithm(), signature.signature(),
                        signature.signedOctets())) {
                    return;
                }
            } catch (SecurityException e) {
                // a key of another type than the algorithm: try the next
            }
        }
        throw new SamlMessageException("the query signature does not verify with the SP's registered certificates");
    }
}
