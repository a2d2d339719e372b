package io.monban.idp.saml;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import net.shibboleth.utilities.java.support.component.ComponentInitializationException;
import net.shibboleth.utilities.java.support.xml.BasicParserPool;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import net.shibboleth.utilities.java.support.xml.XMLParserException;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * OpenSAML set up once for the process, and the only way SAML XML is read or written here: a
 * hardened parser (no DOCTYPE at all, hence no entities, no XInclude) and the object builders.
 * Keeping OpenSAML behind this package lets a move to another SAML library touch one place.
 */
final class OpenSaml {

    private static final BasicParserPool PARSERS = initialize();

    private OpenSaml() {
    }

    private static synchronized BasicParserPool initialize() {
        try {
            InitializationService.initialize();
            BasicParserPool pool = new BasicParserPool();
            pool.setMaxPoolSize(64);
            pool.setNamespaceAware(true);
            pool.setExpandEntityReferences(false);
            pool.setXincludeAware(false);
            pool.setIgnoreComments(true);
            Map<String, Boolean> features = new HashMap<>();
            features.put("http://apache.org/xml/features/disallow-doctype-decl", true);
            features.put("http://xml.org/sax/features/external-general-entities", false);
            features.put("http://xml.org/sax/features/external-parameter-entities", false);
            features.put("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            features.put(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            pool.setBuilderFeatures(features);
            pool.initialize();
            XMLObjectProviderRegistrySupport.setParserPool(pool);
            return pool;
        } catch (InitializationException | ComponentInitializationException e) {
            throw new IllegalStateException("OpenSAML cannot be initialised", e);
        }
    }

    static void ensureInitialized() {
        // Loading the class runs the initialisation.
    }

    /** Parses untrusted XML; a DOCTYPE (hence any entity) is refused. */
    static Document parse(byte[] xml) throws SamlMessageException {
        try {
            return PARSERS.parse(new ByteArrayInputStream(xml));
        } catch (XMLParserException e) {
            String reason = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            throw new SamlMessageException(reason.contains("DOCTYPE") ? "XML with a DOCTYPE is not accepted"
                    : "the message is not well-formed XML");
        }
    }

    static XMLObject unmarshall(Element element) throws SamlMessageException {
        Unmarshaller unmarshaller = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element);
        if (unmarshaller == null) {
            throw new SamlMessageException("unexpected element " + element.getLocalName());
        }
        try {
            return unmarshaller.unmarshall(element);
        } catch (UnmarshallingException e) {
            throw new SamlMessageException("the message is not valid SAML: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends XMLObject> T build(QName name) {
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilderOrThrow(name).buildObject(name);
    }

    static Element marshall(XMLObject object) {
        try {
            if (object.getDOM() != null) {
                return object.getDOM();
            }
            return XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(object).marshall(object);
        } catch (MarshallingException e) {
            throw new IllegalStateException("cannot marshall " + object.getElementQName(), e);
        }
    }

    static String toXml(XMLObject object) {
        return toXml(marshall(object));
    }

    static String toXml(Element element) {
        return SerializeSupport.nodeToString(element);
    }
}
