package io.monban.idp.oidc;

import com.nimbusds.jwt.JWTParser;
import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes everything a user was granted over OAuth 2.0 / OpenID Connect: codes, access and
 * refresh tokens. Removing the stored authorizations is enough, everywhere at once: every lookup
 * of a user's token (introspection, userinfo, refresh, revocation) reads the database, and no node
 * keeps authorizations in memory ({@link AccessTokenLookup} verifies the JWT and then asks the
 * database whether its authorization still exists).
 */
@Service
public class UserAuthorizations {

    /** A client that held a grant of the user, with the sign-in session it came from if known. */
    record Grant(RegisteredClient client, Optional<String> sid) {
    }

    private final JdbcTemplate jdbc;
    private final RegisteredClientRepository clients;
    private final AuditLog audit;

    public UserAuthorizations(JdbcTemplate jdbc, RegisteredClientRepository clients, AuditLog audit) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.audit = audit;
    }

    /**
     * Deletes the user's authorizations and returns the clients that held them (and those the user
     * consented to), for logout notifications. Consents stay: they are the user's decisions, not
     * credentials, and a reactivated user need not give them again.
     */
    @Transactional
    public List<Grant> revokeAll(UUID userId, String reason) {
        String principal = userId.toString();
        Set<Grant> grants = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        jdbc.query("SELECT id, registered_client_id, oidc_id_token_value FROM oauth2_authorization "
                + "WHERE principal_name = ? ORDER BY id FOR UPDATE", rs -> {
            ids.add(rs.getString(1));
            RegisteredClient client = clients.findById(rs.getString(2));
            if (client != null) {
                grants.add(new Grant(client, sid(rs.getString(3))));
            }
        }, principal);
        jdbc.queryForList("SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ?",
                String.class, principal).forEach(clientId -> {
                    RegisteredClient client = clients.findById(clientId);
                    if (client != null && grants.stream().noneMatch(g -> g.client().getId().equals(clientId))) {
                        grants.add(new Grant(client, Optional.empty()));
                    }
                });
        for (String id : ids) {
            jdbc.update("DELETE FROM mb_rotated_refresh_token WHERE authorization_id = ?", id);
        }
        int revoked = jdbc.update("DELETE FROM oauth2_authorization WHERE principal_name = ?", principal);
        if (revoked > 0) {
            audit.record(AuditRecord.success("oauth2.authorizations.revoked", principal,
                    "count=" + revoked + " reason=" + reason));
        }
        return new ArrayList<>(grants);
    }

    /**
     * The clients whose grants came from one sign-in session: their ID tokens carry that
     * session's {@code sid}, which the authorization server derives from the session id.
     */
    @Transactional(readOnly = true)
    public List<Grant> grantsOfSession(UUID userId, String sessionId) {
        String sid = sessionIdHash(sessionId);
        Set<Grant> grants = new LinkedHashSet<>();
        jdbc.query("SELECT registered_client_id, oidc_id_token_value FROM oauth2_authorization "
                + "WHERE principal_name = ? AND oidc_id_token_value IS NOT NULL", rs -> {
            if (sid(rs.getString(2)).filter(sid::equals).isPresent()) {
                RegisteredClient client = clients.findById(rs.getString(1));
                if (client != null) {
                    grants.add(new Grant(client, Optional.of(sid)));
                }
            }
        }, userId.toString());
        return new ArrayList<>(grants);
    }

    /** As Spring Authorization Server computes {@code sid}: base64url(SHA-256(session id)). */
    static String sessionIdHash(String sessionId) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                io.monban.core.crypto.Sha256.digest(sessionId));
    }

    /** The {@code sid} of an ID token this server issued and stored (read back, not verified again). */
    private static Optional<String> sid(String idToken) {
        if (idToken == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JWTParser.parse(idToken).getJWTClaimsSet().getStringClaim("sid"));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
