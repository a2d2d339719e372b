package io.monban.idp.saml;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.directory.UserDeprovisioned;
import io.monban.idp.login.SessionProperties;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which SPs got an assertion in which sign-in session, so that single logout can notify them
 * and a leaver's SAML sessions end. A sign-in session is named by a random SessionIndex kept in
 * it (not by its id, which changes at sign-in and step-up).
 */
@Service
class SamlSessions {

    static final String SESSION_INDEX = SamlSessions.class.getName() + ".sessionIndex";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SessionProperties sessionSettings;

    SamlSessions(JdbcTemplate jdbc, AuditLog audit, Clock clock, TransactionTemplate tx,
                 SessionProperties sessionSettings) {
        this.tx = tx;
        this.sessionSettings = sessionSettings;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** One SP's part of a sign-in session. */
    record Participant(String spEntityId, String nameId, String nameIdFormat, String sessionIndex, UUID userId) {
    }

    /** The SessionIndex of this sign-in session, made at its first assertion. */
    static String sessionIndex(HttpSession session) {
        Object index = session.getAttribute(SESSION_INDEX);
        if (index instanceof String s) {
            return s;
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String created = "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(SESSION_INDEX, created);
        return created;
    }

    /**
     * Records that {@code sp} takes part in this session (audited when it starts to). Later
     * assertions to the same SP in the same session change nothing but, for transient NameIDs,
     * the pseudonym a logout must name; so the common case, a signed-in user going back to an
     * app, is one indexed read and no write.
     */
    void recordAssertion(Participant participant, String authnContextClass) {
        List<String> known = jdbc.queryForList("SELECT name_id FROM mb_saml_session WHERE session_index = ? "
                + "AND sp_entity_id = ?", String.class, participant.sessionIndex(), participant.spEntityId());
        if (!known.isEmpty()) {
            if (!known.get(0).equals(participant.nameId())) {
                jdbc.update("UPDATE mb_saml_session SET name_id = ? WHERE session_index = ? AND sp_entity_id = ?",
                        participant.nameId(), participant.sessionIndex(), participant.spEntityId());
            }
            return;
        }
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO mb_saml_session (session_index, sp_entity_id, user_id, name_id, "
                                + "name_id_format, created_at) VALUES (?, ?, ?, ?, ?, ?)", participant.sessionIndex(),
                        participant.spEntityId(), participant.userId(), participant.nameId(), participant.nameIdFormat(),
                        Timestamp.from(clock.instant()));
                audit.record(AuditRecord.success("saml.session-started", participant.userId().toString(),
                        "sp=" + AuthnRequestValidator.abbreviate(participant.spEntityId()) + " context="
                                + authnContextClass));
            });
        } catch (DuplicateKeyException e) {
            // The same session's parallel first assertion recorded it already.
        }
    }

    List<Participant> participants(String sessionIndex) {
        return jdbc.query("SELECT sp_entity_id, name_id, name_id_format, session_index, user_id FROM mb_saml_session "
                        + "WHERE session_index = ? ORDER BY created_at",
                (rs, row) -> new Participant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, UUID.class)), sessionIndex);
    }

    /** Ends the SAML session of a sign-in session (all its SPs); audited. */
    @Transactional
    int end(String sessionIndex, UUID userId, String reason) {
        int ended = jdbc.update("DELETE FROM mb_saml_session WHERE session_index = ?", sessionIndex);
        audit.record(AuditRecord.success("saml.session-ended", userId == null ? null : userId.toString(),
                "reason=" + reason + " sps=" + ended));
        return ended;
    }

    /**
     * A leaver's SAML sessions end with their access. There is no browser to carry logout
     * messages to the SPs, so the records are only dropped; their Monban sessions are ended by
     * the session part, and the SPs' own sessions by deprovisioning at the SP.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void onDeprovisioned(UserDeprovisioned event) {
        int ended = jdbc.update("DELETE FROM mb_saml_session WHERE user_id = ?", event.userId());
        if (ended > 0) {
            audit.record(AuditRecord.success("saml.session-ended", event.userId().toString(),
                    "reason=deprovisioned sps=" + ended));
        }
    }

    /**
     * Records of sign-in sessions that ended without single logout (sign-out at Monban, idle
     * timeout) would stay forever; none outlives the absolute session lifetime.
     */
    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT15M")
    void purgeEnded() {
        jdbc.update("DELETE FROM mb_saml_session WHERE created_at < ?",
                Timestamp.from(clock.instant().minus(sessionSettings.absoluteLifetime())));
    }
}
