package io.monban.idp.oidc;

import java.util.Optional;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Monban's own per-client settings, kept in the client's settings map next to Spring's. */
final class ClientOptions {

    static final String ACCESS_TOKEN_ALGORITHM = "settings.monban.access-token-signature-algorithm";
    static final String REQUIRE_MFA = "settings.monban.require-mfa";
    /** OIDC Back-Channel Logout 1.0 client metadata, under Monban's prefix like the others. */
    static final String BACKCHANNEL_LOGOUT_URI = "settings.monban.backchannel-logout-uri";
    static final String BACKCHANNEL_LOGOUT_SESSION_REQUIRED = "settings.monban.backchannel-logout-session-required";

    private ClientOptions() {
    }

    /** Whether every sign-in to this client needs a second factor. */
    static boolean requiresMfa(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSettings().get(REQUIRE_MFA));
    }

    /** Where the client wants logout tokens, if it does. */
    static Optional<String> backchannelLogoutUri(RegisteredClient client) {
        Object value = client.getClientSettings().getSettings().get(BACKCHANNEL_LOGOUT_URI);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    static Optional<SignatureAlgorithm> accessTokenAlgorithm(RegisteredClient client) {
        Object value = client.getTokenSettings().getSettings().get(ACCESS_TOKEN_ALGORITHM);
        return Optional.ofNullable(value).map(v -> SignatureAlgorithm.from(v.toString()));
    }
}
