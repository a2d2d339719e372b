package io.monban.idp.saml;

import io.monban.core.crypto.Sha256;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Request IDs already accepted, in the database so that every node sees them: a captured request
 * replayed at another node is refused too. An ID is kept until its request would be refused as
 * too old anyway.
 */
@Component
class RequestReplayCache {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RequestReplayCache(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time this issuer's request ID is seen; false for a replay. */
    boolean firstUse(String issuer, String requestId, Instant keepUntil) {
        try {
            jdbc.update("INSERT INTO mb_saml_request_id (id_hash, expires_at) VALUES (?, ?)",
                    Sha256.hex(issuer + "\n" + requestId), Timestamp.from(keepUntil));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
    void purgeExpired() {
        jdbc.update("DELETE FROM mb_saml_request_id WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }
}
