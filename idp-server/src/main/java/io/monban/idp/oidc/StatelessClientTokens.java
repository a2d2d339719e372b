package io.monban.idp.oidc;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Client-credentials access tokens without a database write per token. They are signed JWTs
 * that carry everything introspection reports, so instead of storing each one, Monban verifies
 * the token itself when asked about it and keeps only a deny-list of revoked ones (by
 * {@code jti}, until they expire). Tokens issued to users stay stored: they belong to a session
 * and a refresh chain that can be revoked as a whole.
 */
class StatelessClientTokens implements OAuth2AuthorizationService {

    /** Marks a token as self-contained, so that a stored user token can never be taken for one. */
    static final String GRANT_CLAIM = "gty";

    private final OAuth2AuthorizationService delegate;
    private final JwtDecoder decoder;
    private final RegisteredClientRepository clients;
    private final JdbcTemplate jdbc;

    StatelessClientTokens(OAuth2AuthorizationService delegate, JwtDecoder decoder, RegisteredClientRepository clients,
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
            Optional<OAuth2Authorization> selfContained = find(token);
            if (selfContained.isPresent()) {
                return selfContained.get();
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

    /** The authorization a valid self-contained token stands for, revoked or not. */
    private Optional<OAuth2Authorization> find(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            return Optional.empty();
        }
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(jwt.getClaimAsString(GRANT_CLAIM))
                || jwt.getId() == null) {
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
