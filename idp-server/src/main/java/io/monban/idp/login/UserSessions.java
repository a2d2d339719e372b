package io.monban.idp.login;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends a user's sign-in sessions on every node at once, by deleting them from the shared session
 * store (their attributes go with them).
 */
@Service
public class UserSessions {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    public UserSessions(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Every session of the user but the one making the request (e.g. after a password change). */
    @Transactional
    public int endAllExcept(UUID userId, String keptSessionId) {
        int ended = jdbc.update("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ? AND SESSION_ID <> ?",
                userId.toString(), keptSessionId == null ? "" : keptSessionId);
        if (ended > 0) {
            audit.record(AuditRecord.success("sessions.ended", userId.toString(), "count=" + ended));
        }
        return ended;
    }

    /** Every session of the user (the leaver path); other nodes see it at the user's next request. */
    @Transactional
    public int endAll(UUID userId, String reason) {
        int ended = jdbc.update("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", userId.toString());
        if (ended > 0) {
            audit.record(AuditRecord.success("sessions.ended", userId.toString(), "count=" + ended + " reason=" + reason));
        }
        return ended;
    }
}
