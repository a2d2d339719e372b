package io.monban.idp.saml;

import io.monban.core.application.SamlAttribute;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnContext;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.StatusMessage;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.springframework.stereotype.Component;

/**
 * Builds Responses: a successful one with its assertion (Conditions with the SP as audience, a
 * bearer confirmation bound to the ACS and the request, the AuthnStatement with the session's
 * index and a truthful class, the mapped attributes), signed and encrypted as the SP wants, and
 * error Responses with a status code and message.
 */
@Component
class SamlResponseBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SamlEndpoints endpoints;
    private final SamlSigner signer;
    private final AssertionEncrypter encrypter;
    private final SamlProperties properties;
    private final Clock clock;

    SamlResponseBuilder(SamlEndpoints endpoints, SamlSigner signer, AssertionEncrypter encrypter,
                        SamlProperties properties, Clock clock) {
        OpenSaml.ensureInitialized();
        this.endpoints = endpoints;
        this.signer = signer;
        this.encrypter = encrypter;
        this.properties = properties;
        this.clock = clock;
    }

    /** The subject of an assertion as the SP sees it. */
    record NameIdentity(String nameId, String format) {
    }

    /**
     * @param authnInstant when the user last gave a factor
     */
    String success(ServiceProvider sp, ValidatedAuthnRequest request, SamlUsers.SamlUser user, NameIdentity subject,
                   Instant authnInstant, String sessionIndex, String authnContextClass) {
        Instant now = clock.instant();
        Instant until = now.plus(properties.assertionLifetime());

        Assertion assertion = OpenSaml.build(Assertion.DEFAULT_ELEMENT_NAME);
        assertion.setID(newId());
        assertion.setVersion(SAMLVersion.VERSION_20);
        assertion.setIssueInstant(now);
        assertion.setIssuer(issuer());

        NameID nameId = OpenSaml.build(NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(subject.nameId());
        nameId.setFormat(subject.format());
        if (NameID.PERSISTENT.equals(subject.format())) {
            nameId.setNameQualifier(endpoints.entityId());
            nameId.setSPNameQualifier(sp.entityId());
        }
        SubjectConfirmationData data = OpenSaml.build(SubjectConfirmationData.DEFAULT_ELEMENT_NAME);
        data.setRecipient(request.acsUrl());
        data.setNotOnOrAfter(until);
        data.setInResponseTo(request.requestId());
        SubjectConfirmation confirmation = OpenSaml.build(SubjectConfirmation.DEFAULT_ELEMENT_NAME);
        confirmation.setMethod(SubjectConfirmation.METHOD_BEARER);
        confirmation.setSubjectConfirmationData(data);
        Subject samlSubject = OpenSaml.build(Subject.DEFAULT_ELEMENT_NAME);
        samlSubject.setNameID(nameId);
        samlSubject.getSubjectConfirmations().add(confirmation);
        assertion.setSubject(samlSubject);

        Conditions conditions = OpenSaml.build(Conditions.DEFAULT_ELEMENT_NAME);
        conditions.setNotBefore(now.minus(properties.clockSkew()));
        conditions.setNotOnOrAfter(until);
        AudienceRestriction restriction = OpenSaml.build(AudienceRestriction.DEFAULT_ELEMENT_NAME);
        Audience audience = OpenSaml.build(Audience.DEFAULT_ELEMENT_NAME);
        audience.setURI(sp.entityId());
        restriction.getAudiences().add(audience);
        conditions.getAudienceRestrictions().add(restriction);
        assertion.setConditions(conditions);

        AuthnStatement statement = OpenSaml.build(AuthnStatement.DEFAULT_ELEMENT_NAME);
        statement.setAuthnInstant(authnInstant);
        statement.setSessionIndex(sessionIndex);
        AuthnContextClassRef classRef = OpenSaml.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME);
        classRef.setURI(authnContextClass);
        AuthnContext context = OpenSaml.build(AuthnContext.DEFAULT_ELEMENT_NAME);
        context.setAuthnContextClassRef(classRef);
        statement.setAuthnContext(context);
        assertion.getAuthnStatements().add(statement);

        List<SamlAttribute> mapping = sp.spec().attributes().isEmpty() ? SamlAttributes.DEFAULTS : sp.spec().attributes();
        AttributeStatement attributes = OpenSaml.build(AttributeStatement.DEFAULT_ELEMENT_NAME);
        for (SamlAttribute mapped : mapping) {
            List<String> values = SamlAttributes.values(user, mapped.source());
            if (values.isEmpty()) {
                continue;
            }
            Attribute attribute = OpenSaml.build(Attribute.DEFAULT_ELEMENT_NAME);
            attribute.setName(mapped.name());
            attribute.setNameFormat(mapped.nameFormat());
            for (String value : values) {
                XSString xs = (XSString) XMLObjectProviderRegistrySupport.getBuilderFactory()
                        .getBuilderOrThrow(XSString.TYPE_NAME).buildObject(AttributeValue.DEFAULT_ELEMENT_NAME,
                                XSString.TYPE_NAME);
                xs.setValue(value);
                attribute.getAttributeValues().add(xs);
            }
            attributes.getAttributes().add(attribute);
        }
        if (!attributes.getAttributes().isEmpty()) {
            assertion.getAttributeStatements().add(attributes);
        }

        Response response = response(request.acsUrl(), request.requestId(), StatusCode.SUCCESS, null, null);
        boolean signResponse = sp.spec().signResponse() || !(sp.spec().signAssertion() || sp.spec().wantAssertionsSigned());
        if (sp.spec().signAssertion() || sp.spec().wantAssertionsSigned()) {
            signer.sign(assertion);
        }
        if (sp.spec().encryptAssertions()) {
            response.getEncryptedAssertions().add(encrypter.encrypt(assertion, sp));
        } else {
            response.getAssertions().add(assertion);
        }
        if (signResponse) {
            signer.sign(response);
        }
        return OpenSaml.toXml(OpenSaml.marshall(response));
    }

    /** An error Response, signed, with the top-level code, an optional second-level code and a message. */
    String error(String destination, String inResponseTo, String statusCode, String subStatusCode, String message) {
        Response response = response(destination, inResponseTo, statusCode, subStatusCode, message);
        signer.sign(response);
        return OpenSaml.toXml(OpenSaml.marshall(response));
    }

    private Response response(String destination, String inResponseTo, String statusCode, String subStatusCode,
                              String message) {
        Response response = OpenSaml.build(Response.DEFAULT_ELEMENT_NAME);
        response.setID(newId());
        response.setVersion(SAMLVersion.VERSION_20);
        response.setIssueInstant(clock.instant());
        response.setDestination(destination);
        response.setInResponseTo(inResponseTo);
        response.setIssuer(issuer());
        response.setStatus(status(statusCode, subStatusCode, message));
        return response;
    }

    static Status status(String statusCode, String subStatusCode, String message) {
        Status status = OpenSaml.build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode code = OpenSaml.build(StatusCode.DEFAULT_ELEMENT_NAME);
        code.setValue(statusCode);
        if (subStatusCode != null) {
            StatusCode sub = OpenSaml.build(StatusCode.DEFAULT_ELEMENT_NAME);
            sub.setValue(subStatusCode);
            code.setStatusCode(sub);
        }
        status.setStatusCode(code);
        if (message != null) {
            StatusMessage statusMessage = OpenSaml.build(StatusMessage.DEFAULT_ELEMENT_NAME);
            statusMessage.setValue(message);
            status.setStatusMessage(statusMessage);
        }
        return status;
    }

    Issuer issuer() {
        Issuer issuer = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(endpoints.entityId());
        return issuer;
    }

    /** An xs:ID: must not start with a digit. */
    static String newId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return "_" + HexFormat.of().formatHex(bytes);
    }
}
