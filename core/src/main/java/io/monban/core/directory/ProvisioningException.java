package io.monban.core.directory;

/** A provisioning request that cannot be applied as asked; nothing of it was changed. */
public class ProvisioningException extends RuntimeException {

    public enum Reason {
        /** No such user or group. */
        NOT_FOUND,
        /** Another user or group already has this unique value. */
        UNIQUENESS,
        /** A value is missing, malformed or refers to something that does not exist. */
        INVALID_VALUE,
        /** The resource changed since the version the client named. */
        VERSION_MISMATCH
    }

    private final Reason reason;

    public ProvisioningException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
