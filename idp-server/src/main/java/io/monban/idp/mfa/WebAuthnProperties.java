package io.monban.idp.mfa;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WebAuthn relying-party settings.
 *
 * @param rpId          the relying party id: the host of the issuer when empty. Credentials are bound
 *                      to it for good, so choose the registrable domain users will keep (e.g.
 *                      {@code monban.example.com}); an IP address is not allowed by browsers
 * @param rpName        shown by the browser and the authenticator when registering
 * @param origins       the origins assertions may come from: the issuer's origin when empty
 * @param timeout       how long a ceremony (registration or sign-in prompt) may take
 */
@ConfigurationProperties("monban.webauthn")
public record WebAuthnProperties(@DefaultValue("") String rpId,
                                 @DefaultValue("Monban") String rpName,
                                 @DefaultValue List<String> origins,
                                 @DefaultValue("5m") Duration timeout) {
}
