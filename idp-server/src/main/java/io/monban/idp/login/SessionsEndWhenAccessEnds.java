package io.monban.idp.login;

import io.monban.core.directory.UserDeprovisioned;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A suspended, deprovisioned or deleted user is signed out everywhere. In the transaction of the
 * directory change rather than after it: the status change and the end of the sessions commit
 * together, so no crash between the two can leave a leaver signed in. Sessions are read from the
 * shared store at every request (Spring Session JDBC keeps no copy on a node between requests),
 * so every node sees the end at the user's next request.
 */
@Component
class SessionsEndWhenAccessEnds {

    private final UserSessions sessions;

    SessionsEndWhenAccessEnds(UserSessions sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(UserDeprovisioned event) {
        sessions.endAll(event.userId(), event.deleted() ? "deleted" : event.status().name().toLowerCase());
    }
}
