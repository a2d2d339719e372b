package io.monban.idp.mfa;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the server asked the authenticator for, kept in the session between the options and the
 * answer: the challenge and the rules the answer must meet. A plain serializable value, since
 * sessions are stored in the database (Spring Security's own options objects are not).
 *
 * @param userId the user the answer must belong to; empty for a passkey sign-in, where the
 *               authenticator says who it is
 */
public record WebAuthnCeremony(Purpose purpose, byte[] challenge, UUID userId, boolean userVerificationRequired,
                        Instant expiresAt) implements Serializable {

    public enum Purpose { REGISTRATION, SECOND_FACTOR, PASSKEY_SIGN_IN }

    public Optional<UUID> user() {
        return Optional.ofNullable(userId);
    }

    /** Keeps the ceremony for the answer, replacing an unanswered one of the same purpose. */
    public void keepIn(HttpSession session) {
        session.setAttribute(attribute(purpose), this);
    }

    /** The ceremony the answer belongs to, removed so that no challenge is answered twice. */
    public static WebAuthnCeremony takeFrom(HttpSession session, Purpose purpose) {
        if (session == null) {
            return null;
        }
        Object ceremony = session.getAttribute(attribute(purpose));
        session.removeAttribute(attribute(purpose));
        return ceremony instanceof WebAuthnCeremony c ? c : null;
    }

    private static String attribute(Purpose purpose) {
        return "monban.webauthn." + purpose.name();
    }
}
