package io.monban.idp.oidc;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.nimbusds.jwt.JWTParser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * How access tokens are found, the hottest path of the provider (introspection, userinfo,
 * every resource server). Monban's access tokens are signed JWTs, so the token itself is
 * verified first, and the database is asked as little as possible:
 * <ul>
 *   <li>Client-credentials tokens are not stored at all (no database write per token): the token
 *       carries everything introspection reports, and revoking one adds its {@code jti} to a
 *       deny-list until it expires.</li>
 *   <li>Tokens issued to users stay stored, since they belong to a session and a refresh chain
 *       that can be revoked as a whole; a lookup reads only whether the authorization still
 *       exists and the token is not revoked.</li>
 * </ul>
 * Everything else (codes, refresh tokens, state) goes to the stored authorizations.
 */
class AccessTokenLookup implements OAuth2AuthorizationService {

    /** Marks a token as self-contained, so that a stored user token can never be taken for one. */
    static final String GRANT_CLAIM = "gty";

    /** Marks an authorization read in part (see {@link #findLiveUserToken}); saving one reloads it whole. */
    private static final String PARTIAL = AccessTokenLookup.class.getName() + ".partial";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OAuth2AuthorizationService delegate;
    private final JwtDecoder decoder;
    private final RegisteredClientRepository clients;
    private final JdbcTemplate jdbc;

    AccessTokenLookup(OAuth2AuthorizationService delegate, JwtDecoder decoder, RegisteredClientRepository clients,
                          JdbcTemplate jdbc) {
        this.delegate = delegate;
        this.decoder = decoder;
        this.clients = clients;
        this.jdbc = jdbc;
    }

    static boolean isStateless(OAuth2Authorization authorization) {
        return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                && authorization.getAccessToken() != null
                && authorization.getAccessToken().getClaims() != null
                && AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()
                        .equals(authorization.getAccessToken().getClaims().get(GRANT_CLAIM));
    }

    /** Stores user authorizations; for a self-contained token only a revocation is recorded. */
    @Override
    public void save(OAuth2Authorization authorization) {
        if (authorization.getAttribute(PARTIAL) != null) {
            saveRevocationOfPartial(authorization);
            return;
        }
        if (!isStateless(authorization)) {
            delegate.save(authorization);
            return;
        }
        if (authorization.getAccessToken().isInvalidated()) {
            deny(authorization.getAccessToken());
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        if (isStateless(authorization)) {
            deny(authorization.getAccessToken());
        } else {
            delegate.remove(authorization);
        }
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    /**
     * Without a type (introspection or revocation without a hint), looks the token up as an
     * access token and then as a refresh token, each an indexed query: the untyped query ORs
     * every token column, which databases answer with a scan, and anyone can send tokens.
     */
    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            Optional<Jwt> jwt = decode(token);
            if (jwt.isPresent()) {
                // One of Monban's signed access tokens: answered here, or not at all.
                return AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()
                        .equals(jwt.get().getClaimAsString(GRANT_CLAIM))
                        ? findSelfContained(token, jwt.get()).orElse(null)
                        : findLiveUserToken(token, jwt.get()).orElse(null);
            }
        }
        if (tokenType != null) {
            return delegate.findByToken(token, tokenType);
        }
        OAuth2Authorization asAccessToken = delegate.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        return asAccessToken != null ? asAccessToken : delegate.findByToken(token, OAuth2TokenType.REFRESH_TOKEN);
    }

    private void deny(OAuth2Authorization.Token<OAuth2AccessToken> token) {
        if (token.getToken().getExpiresAt() != null) {
            Object jti = token.getClaims().get("jti");
            int known = jdbc.queryForObject("SELECT COUNT(*) FROM mb_revoked_token WHERE jti = ?", Integer.class, jti);
            if (known == 0) {
                jdbc.update("INSERT INTO mb_revoked_token (jti, expires_at) VALUES (?, ?)", jti,
                        Timestamp.from(token.getToken().getExpiresAt()));
            }
        }
    }

    private Optional<Jwt> decode(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        // Userinfo: the bearer-token filter verified this very token moments ago on this thread.
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken bearer
                && bearer.getToken().getTokenValue().equals(token)) {
            return Optional.of(bearer.getToken());
        }
        try {
            return Optional.of(decoder.decode(token));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    /**
     * A user's access token, for introspection and userinfo: the signature and expiry are
     * checked on the token itself, and the database only answers whether its authorization still
     * exists and the token is not revoked, by reading three columns instead of deserializing the
     * whole authorization (its JSON attributes cost more than the rest of such a request).
     */
    private Optional<OAuth2Authorization> findLiveUserToken(String token, Jwt jwt) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, registered_client_id, principal_name, "
                + "access_token_metadata, oidc_id_token_value FROM oauth2_authorization WHERE access_token_value = ?",
                token);
        if (rows.size() != 1) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        RegisteredClient client = clients.findById(String.valueOf(row.get("registered_client_id")));
        if (client == null) {
            return Optional.empty();
        }
        boolean revoked = JSON.readTree(String.valueOf(row.get("access_token_metadata")))
                .path(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME).asBoolean(false);
        Set<String> scopes = scopes(jwt.getClaim("scope"));
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token,
                jwt.getIssuedAt(), jwt.getExpiresAt(), scopes);
        OAuth2Authorization.Builder partial = OAuth2Authorization.withRegisteredClient(client)
                .id(String.valueOf(row.get("id")))
                .principalName(String.valueOf(row.get("principal_name")))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(scopes)
                .attribute(PARTIAL, true)
                .token(accessToken, metadata -> {
                    metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims());
                    metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, revoked);
                });
        // Userinfo answers only for authorizations that have an ID token (an OpenID sign-in).
        Object idToken = row.get("oidc_id_token_value");
        if (idToken != null) {
            partial.token(storedIdToken(idToken.toString()));
        }
        return Optional.of(partial.build());
    }

    /** An ID token as stored by this server (read back from its own database, not verified again). */
    private static OidcIdToken storedIdToken(String value) {
        try {
            Map<String, Object> claims = JWTParser.parse(value).getJWTClaimsSet().getClaims();
            return new OidcIdToken(value, toInstant(claims.get("iat")), toInstant(claims.get("exp")), claims);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("stored ID token is not a JWT", e);
        }
    }

    private static java.time.Instant toInstant(Object date) {
        return date instanceof java.util.Date d ? d.toInstant() : null;
    }

    /** Revoking a token found by {@link #findLiveUserToken}: applied to the whole authorization. */
    private void saveRevocationOfPartial(OAuth2Authorization partial) {
        if (!partial.getAccessToken().isInvalidated()) {
            return;
        }
        OAuth2Authorization whole = delegate.findById(partial.getId());
        if (whole != null && whole.getAccessToken() != null) {
            delegate.save(OAuth2Authorization.from(whole).invalidate(whole.getAccessToken().getToken()).build());
        }
    }

    /** The authorization a valid self-contained token stands for, revoked or not. */
    private Optional<OAuth2Authorization> findSelfContained(String token, Jwt jwt) {
        if (jwt.getId() == null) {
            return Optional.empty();
        }
        RegisteredClient client = clients.findByClientId(jwt.getClaimAsString("client_id"));
        if (client == null) {
            return Optional.empty();
        }
        boolean revoked = jdbc.queryForObject("SELECT COUNT(*) FROM mb_revoked_token WHERE jti = ?", Integer.class,
                jwt.getId()) > 0;
        Set<String> scopes = scopes(jwt.getClaim("scope"));
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token,
                jwt.getIssuedAt(), jwt.getExpiresAt(), scopes);
        return Optional.of(OAuth2Authorization.withRegisteredClient(client)
                .id(jwt.getId())
                .principalName(client.getClientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .authorizedScopes(scopes)
                .token(accessToken, metadata -> {
                    metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims());
                    metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, revoked);
                })
                .build());
    }

    private static Set<String> scopes(Object claim) {
        Set<String> scopes = new HashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> scopes.add(v.toString()));
        } else if (claim instanceof String value) {
            scopes.addAll(Set.of(value.split(" ")));
        }
        return scopes;
    }
}
