package io.monban.core.policy;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.crypto.Sha256;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Browsers a user let Monban remember after a second factor, so that for a while the password
 * alone finishes their sign-in there (policy, off by default). The browser holds a random token;
 * Monban stores its hash with the user and the expiry.
 */
@Service
public class RememberedBrowsers {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RememberedBrowsers(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Remembers a browser; returns the token it must present, valid for {@code lifetime}. */
    @Transactional
    public String remember(UUID userId, Duration lifetime) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.update("INSERT INTO mb_remembered_browser (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                Sha256.hex(token), userId, Timestamp.from(clock.instant().plus(lifetime)));
        audit.record(AuditRecord.success("mfa.browser.remembered", userId.toString(), "days=" + lifetime.toDays()));
        return token;
    }

    /** Whether this token was remembered for this user and has not expired. */
    @Transactional(readOnly = true)
    public boolean isRemembered(UUID userId, String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return false;
        }
        Optional<Instant> expires = jdbc.query("SELECT expires_at FROM mb_remembered_browser "
                        + "WHERE token_hash = ? AND user_id = ?",
                (rs, row) -> rs.getTimestamp(1).toInstant(), Sha256.hex(token), userId).stream().findFirst();
        return expires.map(clock.instant()::isBefore).orElse(false);
    }

    /** Forgets every browser of the user (new authenticator, lost device, leaver). */
    @Transactional
    public void forgetAll(UUID userId) {
        int forgotten = jdbc.update("DELETE FROM mb_remembered_browser WHERE user_id = ?", userId);
        if (forgotten > 0) {
            audit.record(AuditRecord.success("mfa.browser.forgotten", userId.toString(), "count=" + forgotten));
        }
    }
}
