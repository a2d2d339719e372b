package io.monban.idp.oidc;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.crypto.Sha256;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh-token rotation with reuse detection (OAuth 2.0 Security BCP §4.14.2). Every refresh
 * replaces the refresh token; the replaced one is remembered (as a hash) until it would have
 * expired. Presenting a replaced token again means two parties hold the chain, so the whole
 * authorization is revoked: the attacker's and the victim's current tokens stop working.
 */
public class ReplayDetectingAuthorizationService implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(ReplayDetectingAuthorizationService.class);

    private final OAuth2AuthorizationService delegate;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final AuditLog audit;
    private final Clock clock;

    public ReplayDetectingAuthorizationService(OAuth2AuthorizationService delegate, JdbcTemplate jdbc,
                                               TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.tx = tx;
        // Reads run in a transaction too: reading an authorization row also reads its client, and
        // outside a transaction that takes a second pooled connection while the first is held,
        // which deadlocks the pool as soon as concurrent reads reach its size.
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The refresh grant looks its authorization up by refresh token, then saves it with the new
     * one, on the same thread: remembering the lookup tells {@link #save} which token it replaces
     * without reading the authorization again.
     */
    private final ThreadLocal<OAuth2Authorization> presentedRefresh = new ThreadLocal<>();

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization previous = presentedRefresh.get();
        presentedRefresh.remove();
        tx.executeWithoutResult(status -> {
            requireStillGranted(authorization);
            OAuth2Authorization.Token<OAuth2RefreshToken> next = authorization.getRefreshToken();
            if (next != null && previous != null && previous.getId().equals(authorization.getId())) {
                OAuth2Authorization.Token<OAuth2RefreshToken> replaced = previous.getRefreshToken();
                if (replaced != null && !replaced.getToken().getTokenValue().equals(next.getToken().getTokenValue())) {
                    Instant expires = replaced.getToken().getExpiresAt() != null ? replaced.getToken().getExpiresAt()
                            : clock.instant().plusSeconds(86400);
                    jdbc.update("INSERT INTO mb_rotated_refresh_token (token_hash, authorization_id, expires_at) "
                                    + "VALUES (?, ?, ?)", hash(replaced.getToken().getTokenValue()),
                            authorization.getId(), Timestamp.from(expires));
                }
            }
            delegate.save(authorization);
        });
    }

    /**
     * Tokens are only ever added to an authorization that exists: the code step creates it, the
     * token and refresh steps update it. If it is gone, it was revoked (the user left, a refresh
     * token was replayed) while this request was under way, and writing it back would bring the
     * revoked grant back to life. The row lock orders this save and a concurrent revocation.
     */
    private void requireStillGranted(OAuth2Authorization authorization) {
        if (authorization.getAccessToken() == null && authorization.getRefreshToken() == null) {
            return;
        }
        List<String> found = jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE id = ? FOR UPDATE",
                String.class, authorization.getId());
        if (found.isEmpty()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "the grant was revoked", null));
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        tx.executeWithoutResult(status -> {
            delegate.remove(authorization);
            jdbc.update("DELETE FROM mb_rotated_refresh_token WHERE authorization_id = ?", authorization.getId());
        });
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return readOnly.execute(status -> delegate.findById(id));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = readOnly.execute(status -> delegate.findByToken(token, tokenType));
        if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            if (found == null) {
                presentedRefresh.remove();
                revokeChainIfReplayed(token);
            } else {
                presentedRefresh.set(found);
            }
        }
        return found;
    }

    private void revokeChainIfReplayed(String token) {
        List<String> chains = jdbc.queryForList(
                "SELECT authorization_id FROM mb_rotated_refresh_token WHERE token_hash = ? AND expires_at > ?",
                String.class, hash(token), Timestamp.from(clock.instant()));
        for (String authorizationId : chains) {
            tx.executeWithoutResult(status -> {
                OAuth2Authorization chain = delegate.findById(authorizationId);
                if (chain != null) {
                    delegate.remove(chain);
                    audit.record(AuditRecord.failure("oauth2.refresh-token.replayed", chain.getPrincipalName(),
                            "client=" + chain.getRegisteredClientId() + " chain revoked"));
                    log.warn("refresh token replayed; authorization chain revoked authorization_id={} client={}",
                            authorizationId, chain.getRegisteredClientId());
                }
            });
        }
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
