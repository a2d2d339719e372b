package io.monban.core.crypto;

public class SecretDecryptionException extends RuntimeException {
    public SecretDecryptionException(String message) {
        super(message);
    }
}
