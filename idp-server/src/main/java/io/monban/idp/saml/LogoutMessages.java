package io.monban.idp.saml;

import io.monban.core.application.SamlEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.SessionIndex;
import org.opensaml.saml.saml2.core.StatusCode;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;

/**
 * Logout messages: checks the LogoutRequests and LogoutResponses SPs send (the same defences as
 * for AuthnRequests) and builds the ones Monban sends, for the binding of the SP's SLO endpoint.
 */
@Component
class LogoutMessages {

    private final ServiceProviders providers;
    private final RequestReplayCache replays;
    private final SamlEndpoints endpoints;
    private final SamlSigner signer;
    private final SamlResponseBuilder responses;
    private final SamlProperties properties;
    private final Clock clock;

    LogoutMessages(ServiceProviders providers, RequestReplayCache replays, SamlEndpoints endpoints, SamlSigner signer,
                   SamlResponseBuilder responses, SamlProperties properties, Clock clock) {
        this.providers = providers;
        this.replays = replays;
        this.endpoints = endpoints;
        this.signer = signer;
        this.responses = responses;
        this.properties = properties;
        this.clock = clock;
    }

    /** A checked LogoutRequest from an SP, sealed to its same-site continuation. */
    record ValidatedLogoutRequest(String spEntityId, String requestId, String nameId, List<String> sessionIndexes,
                                  String relayState, Instant sealedAt) implements SealedRequests.Sealable {
    }

    /** What Monban sends: a redirect URL or an auto-submitting form. */
    sealed interface Outbound permits Redirect, Post {
    }

    record Redirect(String url) implements Outbound {
    }

    record Post(PostBinding.Form form) implements Outbound {
    }

    ValidatedLogoutRequest validateRequest(InboundMessage message) throws SamlRejection {
        LogoutRequest request = parse(message, LogoutRequest.class);
        ServiceProvider sp = issuer(request.getIssuer());
        SamlRejection.ReplyTo replyTo = replyTo(sp, request.getID(), message.relayState());
        checkSignature(sp, message, request, replyTo);
        if (request.getVersion() != SAMLVersion.VERSION_20 || request.getID() == null
                || request.getID().length() > 256) {
            throw SamlRejection.requester("not a valid SAML 2.0 LogoutRequest", replyTo);
        }
        Instant now = clock.instant();
        Instant issued = request.getIssueInstant();
        if (issued == null || issued.isAfter(now.plus(properties.clockSkew()))
                || issued.plus(properties.requestLifetime()).plus(properties.clockSkew()).isBefore(now)
                || request.getNotOnOrAfter() != null && !now.isBefore(request.getNotOnOrAfter().plus(properties.clockSkew()))) {
            throw SamlRejection.requester("the LogoutRequest is expired or its IssueInstant is not valid", replyTo);
        }
        if (request.getDestination() != null && !endpoints.isSloUrl(request.getDestination())) {
            throw SamlRejection.requester("the LogoutRequest's Destination is not this IdP's SLO endpoint", replyTo);
        }
        if (request.getNameID() == null || request.getNameID().getValue() == null) {
            throw SamlRejection.requester("the LogoutRequest names no NameID (EncryptedID is not supported)", replyTo);
        }
        if (!replays.firstUse(sp.entityId(), request.getID(),
                issued.plus(properties.requestLifetime()).plus(properties.clockSkew().multipliedBy(2)))) {
            throw SamlRejection.requester("this LogoutRequest was already used (replay)", replyTo);
        }
        return new ValidatedLogoutRequest(sp.entityId(), request.getID(), request.getNameID().getValue(),
                request.getSessionIndexes().stream().map(SessionIndex::getValue).toList(), message.relayState(), now);
    }

    /** A checked LogoutResponse: who sent it and to which of Monban's requests it answers. */
    record ValidatedLogoutResponse(String spEntityId, String inResponseTo, String status) {
    }

    ValidatedLogoutResponse validateResponse(InboundMessage message) throws SamlRejection {
        LogoutResponse response = parse(message, LogoutResponse.class);
        ServiceProvider sp = issuer(response.getIssuer());
        try {
            verify(sp, message, response);
        } catch (SamlMessageException e) {
            throw SamlRejection.page(e.getMessage());
        }
        if (response.getInResponseTo() == null) {
            throw SamlRejection.page("the LogoutResponse answers no request of Monban");
        }
        String status = response.getStatus() == null || response.getStatus().getStatusCode() == null ? null
                : response.getStatus().getStatusCode().getValue();
        return new ValidatedLogoutResponse(sp.entityId(), response.getInResponseTo(), status);
    }

    /** A LogoutRequest to {@code sp} for one of its sessions; returns its ID with the message. */
    Optional<Sent> request(ServiceProvider sp, SamlSessions.Participant participant) {
        Optional<SamlEndpoint> endpoint = sp.logoutEndpoint();
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        LogoutRequest request = OpenSaml.build(LogoutRequest.DEFAULT_ELEMENT_NAME);
        String id = SamlResponseBuilder.newId();
        request.setID(id);
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(clock.instant());
        request.setNotOnOrAfter(clock.instant().plus(properties.requestLifetime()));
        request.setDestination(endpoint.get().location());
        request.setIssuer(responses.issuer());
        NameID nameId = OpenSaml.build(NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(participant.nameId());
        nameId.setFormat(participant.nameIdFormat());
        if (NameID.PERSISTENT.equals(participant.nameIdFormat())) {
            nameId.setNameQualifier(endpoints.entityId());
            nameId.setSPNameQualifier(sp.entityId());
        }
        request.setNameID(nameId);
        SessionIndex index = OpenSaml.build(SessionIndex.DEFAULT_ELEMENT_NAME);
        index.setValue(participant.sessionIndex());
        request.getSessionIndexes().add(index);
        return Optional.of(new Sent(id, send(request, endpoint.get(), endpoint.get().location(), "SAMLRequest", null)));
    }

    record Sent(String id, Outbound message) {
    }

    /** The LogoutResponse to {@code sp}'s SLO endpoint (its ResponseLocation if it has one). */
    Optional<Outbound> response(ServiceProvider sp, String inResponseTo, String statusCode, String subStatus,
                                String message, String relayState) {
        Optional<SamlEndpoint> endpoint = sp.logoutEndpoint();
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        String location = endpoint.get().responseLocation() != null ? endpoint.get().responseLocation()
                : endpoint.get().location();
        LogoutResponse response = OpenSaml.build(LogoutResponse.DEFAULT_ELEMENT_NAME);
        response.setID(SamlResponseBuilder.newId());
        response.setVersion(SAMLVersion.VERSION_20);
        response.setIssueInstant(clock.instant());
        response.setDestination(location);
        response.setInResponseTo(inResponseTo);
        response.setIssuer(responses.issuer());
        response.setStatus(SamlResponseBuilder.status(statusCode, subStatus, message));
        return Optional.of(send(response, endpoint.get(), location, "SAMLResponse", relayState));
    }

    private Outbound send(SignableSAMLObject message, SamlEndpoint endpoint, String location, String parameter,
                          String relayState) {
        if (SAMLConstants.SAML2_REDIRECT_BINDING_URI.equals(endpoint.binding())) {
            // Redirect: the query is signed, the XML carries no signature (SAML bindings 3.4.4.1).
            return new Redirect(RedirectBinding.encode(location, parameter, OpenSaml.toXml(OpenSaml.marshall(message)),
                    relayState, signer));
        }
        signer.sign(message);
        return new Post(PostBinding.encode(location, parameter, OpenSaml.toXml(OpenSaml.marshall(message)), relayState));
    }

    private <T extends SignableSAMLObject> T parse(InboundMessage message, Class<T> type) throws SamlRejection {
        try {
            Document document = OpenSaml.parse(message.xml());
            MessageSignatures.checkStructure(document);
            XMLObject object = OpenSaml.unmarshall(document.getDocumentElement());
            if (!type.isInstance(object)) {
                throw SamlRejection.page("the message is not a " + type.getSimpleName());
            }
            return type.cast(object);
        } catch (SamlMessageException e) {
            throw SamlRejection.page(e.getMessage());
        }
    }

    private ServiceProvider issuer(Issuer issuer) throws SamlRejection {
        String name = issuer == null ? null : issuer.getValue();
        return providers.find(name).orElseThrow(() -> SamlRejection.page("unknown service provider "
                + AuthnRequestValidator.abbreviate(name)));
    }

    private static SamlRejection.ReplyTo replyTo(ServiceProvider sp, String inResponseTo, String relayState) {
        return sp.logoutEndpoint().map(e -> new SamlRejection.ReplyTo(sp, e.location(), e.binding(), inResponseTo,
                relayState)).orElse(null);
    }

    private static void checkSignature(ServiceProvider sp, InboundMessage message, SignableSAMLObject request,
                                       SamlRejection.ReplyTo replyTo) throws SamlRejection {
        try {
            verify(sp, message, request);
        } catch (SamlMessageException e) {
            throw new SamlRejection(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED, e.getMessage(), replyTo);
        }
    }

    /**
     * Logout messages must be signed whenever the SP has a signing certificate: an unsigned one
     * would let any site sign users out.
     */
    private static void verify(ServiceProvider sp, InboundMessage message, SignableSAMLObject signed)
            throws SamlMessageException {
        boolean required = !sp.verificationCredentials().isEmpty();
        if (message.binding() == InboundMessage.Binding.REDIRECT) {
            if (message.redirectSignature() != null) {
                MessageSignatures.verifyRedirect(message.redirectSignature(), sp.verificationCredentials());
            } else if (required) {
                throw new SamlMessageException("the logout message is not signed");
            }
        } else if (signed.getSignature() != null) {
            MessageSignatures.verifyEnveloped(signed, sp.verificationCredentials());
        } else if (required) {
            throw new SamlMessageException("the logout message is not signed");
        }
    }
}
