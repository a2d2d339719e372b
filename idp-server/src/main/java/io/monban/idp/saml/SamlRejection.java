package io.monban.idp.saml;

import org.opensaml.saml.saml2.core.StatusCode;

/**
 * A refused request. With a {@code replyTo} (the request's SP and a registered ACS or SLO
 * endpoint are known) the SP gets a SAML error response there; without one, only an error page
 * is safe, since the message may name any URL.
 */
class SamlRejection extends Exception {

    /** Where an error response may go. */
    record ReplyTo(ServiceProvider sp, String location, String binding, String inResponseTo, String relayState) {
    }

    private final String statusCode;
    private final String subStatusCode;
    private final transient ReplyTo replyTo;

    SamlRejection(String statusCode, String subStatusCode, String message, ReplyTo replyTo) {
        super(message);
        this.statusCode = statusCode;
        this.subStatusCode = subStatusCode;
        this.replyTo = replyTo;
    }

    static SamlRejection page(String message) {
        return new SamlRejection(StatusCode.REQUESTER, null, message, null);
    }

    static SamlRejection requester(String message, ReplyTo replyTo) {
        return new SamlRejection(StatusCode.REQUESTER, null, message, replyTo);
    }

    String statusCode() {
        return statusCode;
    }

    String subStatusCode() {
        return subStatusCode;
    }

    ReplyTo replyTo() {
        return replyTo;
    }
}
