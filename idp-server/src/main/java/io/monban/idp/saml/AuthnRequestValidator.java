package io.monban.idp.saml;

import io.monban.core.application.SamlEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.NameIDType;
import org.opensaml.saml.saml2.core.StatusCode;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;

/**
 * Decides whether an AuthnRequest is answered. Until the SP and a registered ACS are known, a
 * refusal can only be an error page; after that the SP gets a SAML error response at that ACS.
 * The request ID enters the replay cache only once the signature has verified, so forged
 * requests cannot burn an SP's IDs.
 */
@Component
class AuthnRequestValidator {

    private final ServiceProviders providers;
    private final RequestReplayCache replays;
    private final SamlEndpoints endpoints;
    private final SamlProperties properties;
    private final Clock clock;

    AuthnRequestValidator(ServiceProviders providers, RequestReplayCache replays, SamlEndpoints endpoints,
                          SamlProperties properties, Clock clock) {
        this.providers = providers;
        this.replays = replays;
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = clock;
    }

    ValidatedAuthnRequest validate(InboundMessage message) throws SamlRejection {
        AuthnRequest request;
        try {
            Document document = OpenSaml.parse(message.xml());
            MessageSignatures.checkStructure(document);
            XMLObject object = OpenSaml.unmarshall(document.getDocumentElement());
            if (!(object instanceof AuthnRequest authnRequest)) {
                throw SamlRejection.page("the message is not an AuthnRequest");
            }
            request = authnRequest;
        } catch (SamlMessageException e) {
            throw SamlRejection.page(e.getMessage());
        }
        String issuer = request.getIssuer() == null ? null : request.getIssuer().getValue();
        if (issuer == null || issuer.isBlank()) {
            throw SamlRejection.page("the AuthnRequest names no Issuer");
        }
        ServiceProvider sp = providers.find(issuer)
                .orElseThrow(() -> SamlRejection.page("unknown service provider " + abbreviate(issuer)));
        SamlEndpoint acs = assertionConsumer(sp, request);
        SamlRejection.ReplyTo replyTo = new SamlRejection.ReplyTo(sp, acs.location(), acs.binding(), request.getID(),
                message.relayState());

        checkSignature(sp, message, request, replyTo);
        if (request.getVersion() == null || request.getVersion() != SAMLVersion.VERSION_20) {
            throw new SamlRejection(StatusCode.VERSION_MISMATCH, null, "only SAML 2.0 is supported", replyTo);
        }
        if (request.getID() == null || request.getID().isBlank() || request.getID().length() > 256) {
            throw SamlRejection.requester("the AuthnRequest has no valid ID", replyTo);
        }
        Instant now = clock.instant();
        Instant issued = request.getIssueInstant();
        if (issued == null || issued.isAfter(now.plus(properties.clockSkew()))
                || issued.plus(properties.requestLifetime()).plus(properties.clockSkew()).isBefore(now)) {
            throw SamlRejection.requester("the AuthnRequest's IssueInstant is missing, in the future or too old",
                    replyTo);
        }
        if (request.getDestination() != null && !endpoints.isSsoUrl(request.getDestination())) {
            throw SamlRejection.requester("the AuthnRequest's Destination is not this IdP's SSO endpoint", replyTo);
        }
        if (request.getNameIDPolicy() != null && request.getNameIDPolicy().getFormat() != null
                && !NameIDType.UNSPECIFIED.equals(request.getNameIDPolicy().getFormat())
                && !request.getNameIDPolicy().getFormat().equals(sp.spec().nameIdFormat())) {
            throw new SamlRejection(StatusCode.REQUESTER, StatusCode.INVALID_NAMEID_POLICY,
                    "this SP is configured for NameID format " + sp.spec().nameIdFormat(), replyTo);
        }
        Instant keepUntil = issued.plus(properties.requestLifetime()).plus(properties.clockSkew().multipliedBy(2));
        if (!replays.firstUse(issuer, request.getID(), keepUntil)) {
            throw SamlRejection.requester("this AuthnRequest was already used (replay)", replyTo);
        }
        String comparison = null;
        List<String> contexts = List.of();
        if (request.getRequestedAuthnContext() != null) {
            comparison = request.getRequestedAuthnContext().getComparison() == null ? "exact"
                    : request.getRequestedAuthnContext().getComparison().toString();
            contexts = request.getRequestedAuthnContext().getAuthnContextClassRefs().stream()
                    .map(AuthnContextClassRef::getURI).toList();
        }
        return new ValidatedAuthnRequest(issuer, request.getID(), acs.location(), message.relayState(),
                Boolean.TRUE.equals(request.isForceAuthn()), Boolean.TRUE.equals(request.isPassive()), comparison,
                contexts, now);
    }

    /** The ACS to answer at: exactly a registered one, never a URL only the request names. */
    private static SamlEndpoint assertionConsumer(ServiceProvider sp, AuthnRequest request) throws SamlRejection {
        if (request.getProtocolBinding() != null
                && !SAMLConstants.SAML2_POST_BINDING_URI.equals(request.getProtocolBinding())) {
            throw SamlRejection.page("only the HTTP-POST binding is supported for responses");
        }
        if (request.getAssertionConsumerServiceURL() != null) {
            if (request.getAssertionConsumerServiceIndex() != null) {
                throw SamlRejection.page("the AuthnRequest gives both an ACS URL and an ACS index");
            }
            return sp.acsByUrl(request.getAssertionConsumerServiceURL()).orElseThrow(() -> SamlRejection.page(
                    "the ACS URL is not registered for " + abbreviate(sp.entityId())));
        }
        if (request.getAssertionConsumerServiceIndex() != null) {
            return sp.acsByIndex(request.getAssertionConsumerServiceIndex()).orElseThrow(() -> SamlRejection.page(
                    "the ACS index is not registered for " + abbreviate(sp.entityId())));
        }
        return sp.defaultAcs();
    }

    private static void checkSignature(ServiceProvider sp, InboundMessage message, AuthnRequest request,
                                       SamlRejection.ReplyTo replyTo) throws SamlRejection {
        try {
            if (message.binding() == InboundMessage.Binding.REDIRECT) {
                if (message.redirectSignature() != null) {
                    MessageSignatures.verifyRedirect(message.redirectSignature(), sp.verificationCredentials());
                } else if (sp.mustSign()) {
                    throw new SamlMessageException("this SP must sign its requests and the request is unsigned");
                }
            } else if (request.getSignature() != null) {
                // A signature that is present is always checked, whether required or not.
                MessageSignatures.verifyEnveloped(request, sp.verificationCredentials());
            } else if (sp.mustSign()) {
                throw new SamlMessageException("this SP must sign its requests and the request is unsigned");
            }
        } catch (SamlMessageException e) {
            throw new SamlRejection(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED, e.getMessage(), replyTo);
        }
    }

    static String abbreviate(String value) {
        return Optional.ofNullable(value).map(v -> v.length() > 100 ? v.substring(0, 100) + "..." : v).orElse("");
    }
}
