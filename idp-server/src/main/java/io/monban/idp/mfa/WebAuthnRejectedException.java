package io.monban.idp.mfa;

/** A WebAuthn answer that was refused; the reason names the check that failed (audited, shown). */
public class WebAuthnRejectedException extends RuntimeException {

    public enum Reason {
        MALFORMED, NO_CEREMONY, EXPIRED, CHALLENGE, ORIGIN, RP_ID, SIGNATURE, USER_NOT_VERIFIED,
        UNKNOWN_CREDENTIAL, OTHER_USER, CLONED, ALREADY_REGISTERED, REFUSED
    }

    private final Reason reason;

    WebAuthnRejectedException(Reason reason) {
        super(reason.name());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** For the audit log and the message key: lower-case with dashes. */
    public String code() {
        return reason.name().toLowerCase().replace('_', '-');
    }
}
