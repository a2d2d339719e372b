package io.monban.idp.saml;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensaml.saml.saml2.core.StatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front-channel single logout across the SPs of a session, one after the other through the
 * browser: a LogoutRequest to the next SP, whose LogoutResponse (naming Monban's request ID)
 * brings the browser back to continue; at the end the SP that asked gets its LogoutResponse
 * (PartialLogout when some SP could not be told), or the user sees the signed-out page. The
 * progress is kept in the database under the ID of the outstanding request, so any node can continue.
 */
@Component
class SingleLogout {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration KEEP = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final LogoutMessages messages;
    private final ServiceProviders providers;
    private final Clock clock;

    SingleLogout(JdbcTemplate jdbc, LogoutMessages messages, ServiceProviders providers, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.providers = providers;
        this.clock = clock;
    }

    /**
     * @param initiator    the SP whose LogoutRequest started it, or null when started at Monban
     * @param notifiedSp   the SP waiting on the current LogoutRequest, null before the first one
     */
    record Progress(List<SamlSessions.Participant> remaining, String initiator, String initiatorRequestId,
                    String initiatorRelayState, boolean partial, String notifiedSp) {
    }

    /** What to send next: a message, or (empty) the signed-out page. */
    @Transactional
    Optional<LogoutMessages.Outbound> proceed(Progress progress) {
        List<SamlSessions.Participant> remaining = new ArrayList<>(progress.remaining());
        boolean partial = progress.partial();
        while (!remaining.isEmpty()) {
            SamlSessions.Participant next = remaining.remove(0);
            Optional<ServiceProvider> sp = providers.find(next.spEntityId());
            Optional<LogoutMessages.Sent> sent = sp.flatMap(s -> messages.request(s, next));
            if (sent.isEmpty()) {
                partial = true;
                continue;
            }
            Progress after = new Progress(remaining, progress.initiator(), progress.initiatorRequestId(),
                    progress.initiatorRelayState(), partial, next.spEntityId());
            jdbc.update("INSERT INTO mb_saml_logout (request_id, state, expires_at) VALUES (?, ?, ?)",
                    sent.get().id(), JSON.writeValueAsString(after), Timestamp.from(clock.instant().plus(KEEP)));
            return Optional.of(sent.get().message());
        }
        if (progress.initiator() == null) {
            return Optional.empty();
        }
        boolean partialLogout = partial;
        return providers.find(progress.initiator()).flatMap(sp -> messages.response(sp, progress.initiatorRequestId(),
                StatusCode.SUCCESS, partialLogout ? StatusCode.PARTIAL_LOGOUT : null, null,
                progress.initiatorRelayState()));
    }

    /** The progress waiting on {@code requestId} from {@code spEntityId}, taken (once). */
    @Transactional
    Optional<Progress> resume(String requestId, String spEntityId, boolean succeeded) {
        List<String> found = jdbc.queryForList("SELECT state FROM mb_saml_logout WHERE request_id = ? AND expires_at > ?",
                String.class, requestId, Timestamp.from(clock.instant()));
        if (found.isEmpty() || jdbc.update("DELETE FROM mb_saml_logout WHERE request_id = ?", requestId) != 1) {
            return Optional.empty();
        }
        Progress progress = JSON.readValue(found.get(0), Progress.class);
        if (!spEntityId.equals(progress.notifiedSp())) {
            return Optional.empty();
        }
        return Optional.of(new Progress(progress.remaining(), progress.initiator(), progress.initiatorRequestId(),
                progress.initiatorRelayState(), progress.partial() || !succeeded, null));
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
    void purgeExpired() {
        jdbc.update("DELETE FROM mb_saml_logout WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }
}
