package io.monban.idp.login;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The sessions of a user as the OpenID provider needs them (the {@code sid} of an ID token, the
 * check of a logout request): ids and last-use times, read from Spring Session's table. Spring
 * Session's own registry loads and deserializes every attribute of every session of the user
 * for that, which makes each code exchange slower the more sessions a user has.
 */
final class JdbcSessionRegistry implements SessionRegistry {

    /** The provider wants the most recent session, or the one making the request: recent ones. */
    private static final int MOST_RECENT = 50;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcSessionRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        String name = name(principal);
        long now = clock.millis();
        JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
        limited.setMaxRows(MOST_RECENT);
        return limited.query("SELECT SESSION_ID, LAST_ACCESS_TIME FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ? "
                        + "AND (? = TRUE OR EXPIRY_TIME > ?) ORDER BY LAST_ACCESS_TIME DESC",
                (rs, row) -> new SessionInformation(principal, rs.getString(1), new Date(rs.getLong(2))),
                name, includeExpiredSessions, now);
    }

    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        List<SessionInformation> found = jdbc.query(
                "SELECT PRINCIPAL_NAME, LAST_ACCESS_TIME FROM SPRING_SESSION WHERE SESSION_ID = ?",
                (rs, row) -> new SessionInformation(rs.getString(1), sessionId, new Date(rs.getLong(2))), sessionId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Sessions are listed per user, never all at once. */
    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    /** Spring Session registers, refreshes and removes sessions itself. */
    @Override
    public void refreshLastRequest(String sessionId) {
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
    }

    @Override
    public void removeSessionInformation(String sessionId) {
    }

    private static String name(Object principal) {
        if (principal instanceof UserDetails user) {
            return user.getUsername();
        }
        if (principal instanceof AuthenticatedPrincipal authenticated) {
            return authenticated.getName();
        }
        if (principal instanceof Principal named) {
            return named.getName();
        }
        return principal.toString();
    }
}
