package io.monban.core.credential;

import java.util.List;

/** A credential whose registration the relying party has verified, ready to be stored. */
public record NewWebAuthnCredential(String credentialId, String publicKeyCose, String aaguid, long signCount,
                                    boolean userVerified, boolean backupEligible, boolean discoverable,
                                    List<String> transports, String label) {

    public static final int MAX_LABEL = 100;

    public NewWebAuthnCredential {
        label = label == null || label.isBlank() ? "Security key" : label.strip();
        if (label.length() > MAX_LABEL) {
            label = label.substring(0, MAX_LABEL);
        }
        transports = List.copyOf(transports);
    }
}
