package io.monban.core.credential;

/** A credential that cannot be registered; the message says why and may be shown to the user. */
public class CredentialRejectedException extends RuntimeException {

    public CredentialRejectedException(String message) {
        super(message);
    }
}
