package io.monban.idp.bootstrap;

/** The bootstrap file cannot be applied; the message names the file, the key and the reason. */
public class BootstrapException extends RuntimeException {
    public BootstrapException(String message) {
        super(message);
    }

    public BootstrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
