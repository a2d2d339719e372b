package io.monban.idp.oidc;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Monban's own per-client settings, kept in the client's settings map next to Spring's. */
final class ClientOptions {

    static final String ACCESS_TOKEN_ALGORITHM = "settings.monban.access-token-signature-algorithm";
    static final String REQUIRE_MFA = "settings.monban.require-mfa";
    /** OIDC Back-Channel Logout 1.0 client metadata, under Monban's prefix like the others. */
    static final String BACKCHANNEL_LOGOUT_URI = "settings.monban.backchannel-logout-uri";
    static final String BACKCHANNEL_LOGOUT_SESSION_REQUIRED = "settings.monban.backchannel-logout-session-required";
    /**
     * The client ids whose access tokens this client (a resource server) may introspect, space
     * separated: a plain string, which the stored settings JSON reads back without type rules.
     */
    static final String INTROSPECTS_TOKENS_OF = "settings.monban.introspects-tokens-of";

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

    /** The clients whose access tokens this client may introspect besides its own. */
    static Set<String> introspectsTokensOf(RegisteredClient client) {
        Object value = client.getClientSettings().getSettings().get(INTROSPECTS_TOKENS_OF);
        return value == null || value.toString().isBlank() ? Set.of()
                : Set.copyOf(Arrays.asList(value.toString().trim().split(" +")));
    }

    static Optional<SignatureAlgorithm> accessTokenAlgorithm(RegisteredClient client) {
        Object value = client.getTokenSettings().getSettings().get(ACCESS_TOKEN_ALGORITHM);
        return Optional.ofNullable(value).map(v -> SignatureAlgorithm.from(v.toString()));
    }
}
