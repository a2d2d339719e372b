package io.monban.idp.saml;

/** A message that cannot be read or must not be trusted; the text says why, without secrets. */
class SamlMessageException extends Exception {

    SamlMessageException(String message) {
        super(message);
    }
}
