package io.monban.core.credential;

/**
 * What an authenticator app needs to add the account.
 *
 * @param secretBase32 the shared secret, for typing in by hand
 * @param otpauthUri   the {@code otpauth://totp/...} URI the QR code carries
 */
public record TotpEnrolment(String secretBase32, String otpauthUri) {
}
