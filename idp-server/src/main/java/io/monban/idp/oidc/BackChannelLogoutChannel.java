package io.monban.idp.oidc;

import io.monban.core.outbox.Delivery;
import io.monban.core.outbox.OutboxChannel;
import io.monban.core.outbox.OutboxMessage;
import io.monban.core.outbox.OutboxProperties;
import io.monban.idp.web.MonbanProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers back-channel logouts (OpenID Connect Back-Channel Logout 1.0 §2.4-2.5): a logout
 * token signed like the client's ID tokens, POSTed as {@code logout_token} to the client's
 * {@code backchannel_logout_uri}.
 */
@Component
class BackChannelLogoutChannel implements OutboxChannel {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** Long enough for the client's clock to differ a little, short enough not to be replayable for long. */
    private static final Duration LIFETIME = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegisteredClientRepository clients;
    private final JwtEncoder encoder;
    private final MonbanProperties monban;
    private final OutboxProperties properties;
    private final Clock clock;
    private final HttpClient http;

    BackChannelLogoutChannel(RegisteredClientRepository clients, JwtEncoder encoder, MonbanProperties monban,
                             OutboxProperties properties, Clock clock) {
        this.clients = clients;
        this.encoder = encoder;
        this.monban = monban;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return BackChannelLogout.CHANNEL;
    }

    @Override
    public Delivery deliver(OutboxMessage message) {
        RegisteredClient client = clients.findByClientId(message.target());
        if (client == null) {
            return Delivery.failed("client " + message.target() + " no longer exists");
        }
        Optional<String> uri = ClientOptions.backchannelLogoutUri(client);
        if (uri.isEmpty()) {
            return Delivery.failed("client " + message.target() + " no longer has a backchannel_logout_uri");
        }
        JsonNode payload = JSON.readTree(message.payload());
        String token = logoutToken(client, payload.path("sub").asString(),
                payload.has("sid") ? payload.path("sid").asString() : null);
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.get()))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return Delivery.delivered();
            }
            // §2.8: 400 means the client refused this logout; a new token will not change its mind.
            return status >= 500 || status == 429 || status == 408 ? Delivery.retry("HTTP " + status)
                    : Delivery.failed("HTTP " + status);
        } catch (IOException e) {
            return Delivery.retry("request to " + uri.get() + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retry("interrupted");
        }
    }

    /** §2.4: iss, aud, iat, exp, jti, sub and/or sid, events; never a nonce; typ logout+jwt (§2.4, RFC 8725). */
    String logoutToken(RegisteredClient client, String subject, String sid) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(monban.issuer())
                .audience(java.util.List.of(client.getClientId()))
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .id(UUID.randomUUID().toString())
                .subject(subject)
                .claim("events", Map.of(EVENT, Map.of()));
        if (sid != null) {
            claims.claim("sid", sid);
        }
        SignatureAlgorithm algorithm = client.getTokenSettings().getIdTokenSignatureAlgorithm();
        JwsHeader header = JwsHeader.with(algorithm == null ? SignatureAlgorithm.RS256 : algorithm)
                .type("logout+jwt").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
}
