package io.monban.idp.oidc;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Validates a client description and creates or updates the registered client. */
@Service
public class OidcClientRegistrar {

    static final int MIN_SECRET_LENGTH = 32;
    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");
    /** Signature algorithms of ID and access tokens (discovery names them too). */
    static final List<String> ALGORITHMS = List.of("RS256", "ES256");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final RegisteredClientRepository clients;
    private final PasswordEncoder secretEncoder;
    private final AuditLog audit;

    public OidcClientRegistrar(RegisteredClientRepository clients, PasswordEncoder secretEncoder, AuditLog audit) {
        this.clients = clients;
        this.secretEncoder = secretEncoder;
        this.audit = audit;
    }

    /** What is wrong with the description, as "field: reason" lines; empty when it is valid. */
    public List<String> validate(OidcClientSpec spec) {
        return validate(spec, find(spec.clientId()).orElse(null));
    }

    private List<String> validate(OidcClientSpec spec, RegisteredClient existing) {
        List<String> problems = new ArrayList<>();
        if (spec.clientId() == null || !CLIENT_ID.matcher(spec.clientId()).matches()) {
            problems.add("clientId: 1-100 characters of A-Z a-z 0-9 . _ : -");
        }
        if (spec.secret() != null && spec.secret().length() < MIN_SECRET_LENGTH) {
            problems.add("secret: at least " + MIN_SECRET_LENGTH + " characters (use generateSecret for a random one)");
        }
        if (spec.secret() != null && spec.secretHash() != null) {
            problems.add("secret: give secret or secretHash, not both");
        }
        if (spec.secretHash() != null && !spec.secretHash().matches("\\{(sha256|bcrypt|argon2)}.+")) {
            problems.add("secretHash: must start with {sha256}, {bcrypt} or {argon2}");
        }
        List<String> grants = grantTypes(spec);
        grants.stream().filter(g -> !GRANT_TYPES.contains(g))
                .forEach(g -> problems.add("grantTypes: unsupported grant type " + g));
        if (grants.contains("client_credentials") && !isConfidential(spec, existing)) {
            problems.add("grantTypes: client_credentials needs a secret");
        }
        if (grants.contains("authorization_code") && spec.redirectUris().isEmpty()) {
            problems.add("redirectUris: authorization_code needs at least one redirect URI");
        }
        for (String uri : spec.redirectUris()) {
            uriProblem(uri).ifPresent(p -> problems.add("redirectUris: " + uri + ": " + p));
        }
        for (String uri : spec.postLogoutRedirectUris()) {
            uriProblem(uri).ifPresent(p -> problems.add("postLogoutRedirectUris: " + uri + ": " + p));
        }
        if (spec.backchannelLogoutUri() != null) {
            // Back-Channel Logout 1.0 §2.2: absolute, may have a query, must not have a fragment.
            uriProblem(spec.backchannelLogoutUri())
                    .ifPresent(p -> problems.add("backchannelLogoutUri: " + spec.backchannelLogoutUri() + ": " + p));
        }
        if (!spec.requirePkce() && !isConfidential(spec, existing)) {
            problems.add("requirePkce: a public client (no secret) must use PKCE; remove requirePkce: false"
                    + " or give the client a secret");
        }
        for (String clientId : spec.introspectsTokensOf()) {
            if (!CLIENT_ID.matcher(clientId).matches()) {
                problems.add("introspectsTokensOf: " + clientId + " is not a client id");
            }
        }
        if (spec.backchannelLogoutSessionRequired() && spec.backchannelLogoutUri() == null) {
            problems.add("backchannelLogoutSessionRequired: needs a backchannelLogoutUri");
        }
        for (String alg : new String[] {spec.idTokenAlgorithm(), spec.accessTokenAlgorithm()}) {
            if (alg != null && !ALGORITHMS.contains(alg)) {
                problems.add("algorithm: " + alg + " is not one of " + ALGORITHMS);
            }
        }
        return problems;
    }

    public java.util.Optional<RegisteredClient> find(String clientId) {
        return clientId == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(clients.findByClientId(clientId));
    }

    @Transactional
    public RegisteredClient upsert(OidcClientSpec spec) {
        RegisteredClient existing = clients.findByClientId(spec.clientId());
        List<String> problems = validate(spec, existing);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        RegisteredClient.Builder builder = existing != null ? RegisteredClient.from(existing)
                : RegisteredClient.withId(UUID.randomUUID().toString()).clientId(spec.clientId());
        builder.clientName(spec.name() == null ? spec.clientId() : spec.name())
                .clientAuthenticationMethods(methods -> methods.clear())
                .authorizationGrantTypes(types -> types.clear())
                .redirectUris(uris -> {
                    uris.clear();
                    uris.addAll(spec.redirectUris());
                })
                .postLogoutRedirectUris(uris -> {
                    uris.clear();
                    uris.addAll(spec.postLogoutRedirectUris());
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.addAll(spec.scopes());
                });
        if (spec.secret() != null) {
            builder.clientSecret(secretEncoder.encode(spec.secret()));
        } else if (spec.secretHash() != null) {
            builder.clientSecret(spec.secretHash());
        } else if (existing == null || existing.getClientSecret() == null) {
            builder.clientSecret(null);
        }
        if (isConfidential(spec, existing)) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        grantTypes(spec).forEach(g -> builder.authorizationGrantType(new AuthorizationGrantType(g)));
        builder.clientSettings(ClientSettings.builder()
                // Public clients always: validate() refuses one without PKCE.
                .requireProofKey(spec.requirePkce())
                .requireAuthorizationConsent(spec.requireConsent())
                .setting(ClientOptions.REQUIRE_MFA, spec.requireMfa())
                .setting(ClientOptions.BACKCHANNEL_LOGOUT_URI,
                        spec.backchannelLogoutUri() == null ? "" : spec.backchannelLogoutUri())
                .setting(ClientOptions.BACKCHANNEL_LOGOUT_SESSION_REQUIRED, spec.backchannelLogoutSessionRequired())
                .setting(ClientOptions.INTROSPECTS_TOKENS_OF, String.join(" ", spec.introspectsTokensOf()))
                .build());
        TokenSettings.Builder tokens = TokenSettings.builder()
                .accessTokenTimeToLive(orDefault(spec.accessTokenTtl(), Duration.ofMinutes(5)))
                .refreshTokenTimeToLive(orDefault(spec.refreshTokenTtl(), Duration.ofHours(8)))
                .authorizationCodeTimeToLive(orDefault(spec.authorizationCodeTtl(), Duration.ofMinutes(1)))
                .reuseRefreshTokens(false)
                .idTokenSignatureAlgorithm(SignatureAlgorithm.from(
                        spec.idTokenAlgorithm() == null ? "RS256" : spec.idTokenAlgorithm()));
        if (spec.accessTokenAlgorithm() != null) {
            tokens.setting(ClientOptions.ACCESS_TOKEN_ALGORITHM, spec.accessTokenAlgorithm());
        }
        builder.tokenSettings(tokens.build());
        RegisteredClient client = builder.build();
        clients.save(client);
        audit.record(AuditRecord.success(existing == null ? "oidc-client.created" : "oidc-client.updated",
                spec.clientId(), "grants=" + grantTypes(spec)));
        return client;
    }

    /** A secret given now, or kept from before (a generated secret is not repeated in the file). */
    private static boolean isConfidential(OidcClientSpec spec, RegisteredClient existing) {
        return spec.secret() != null || spec.secretHash() != null
                || (existing != null && existing.getClientSecret() != null);
    }

    private static List<String> grantTypes(OidcClientSpec spec) {
        return spec.grantTypes().isEmpty() ? List.of("authorization_code", "refresh_token") : spec.grantTypes();
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    private static java.util.Optional<String> uriProblem(String uri) {
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute()) {
                return java.util.Optional.of("must be absolute");
            }
            if (parsed.getFragment() != null) {
                return java.util.Optional.of("must not contain a fragment");
            }
            if (uri.contains("*")) {
                return java.util.Optional.of("wildcards are not allowed; register every URI exactly");
            }
            return java.util.Optional.empty();
        } catch (URISyntaxException e) {
            return java.util.Optional.of("not a valid URI");
        }
    }
}
