package io.monban.idp.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what can no longer matter: authorizations whose every token has expired, records of
 * rotated refresh tokens and revoked client tokens past their expiry. Spring Authorization
 * Server never deletes expired authorizations itself.
 */
@Component
class TokenHousekeepingJob {

    private static final Logger log = LoggerFactory.getLogger(TokenHousekeepingJob.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    TokenHousekeepingJob(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 10, initialDelay = 1, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    void purge() {
        Timestamp now = Timestamp.from(clock.instant());
        int authorizations = jdbc.update("""
                DELETE FROM oauth2_authorization
                WHERE access_token_expires_at < ?
                  AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < ?)
                  AND (authorization_code_expires_at IS NULL OR authorization_code_expires_at < ?)""", now, now, now);
        int rotations = jdbc.update("DELETE FROM mb_rotated_refresh_token WHERE expires_at <= ?", now);
        int revocations = jdbc.update("DELETE FROM mb_revoked_token WHERE expires_at <= ?", now);
        log.info("token housekeeping authorizations={} rotated_refresh_tokens={} revoked_tokens={}", authorizations,
                rotations, revocations);
    }
}
