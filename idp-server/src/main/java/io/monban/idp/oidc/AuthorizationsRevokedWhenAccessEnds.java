package io.monban.idp.oidc;

import io.monban.core.directory.UserDeprovisioned;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A suspended, deprovisioned or deleted user loses every token at once, and every application
 * that asked to be told (a {@code backchannel_logout_uri}) gets a back-channel logout. In the transaction of the directory change:
 * the change, the revocation and the queued notifications commit together or not at all.
 */
@Component
class AuthorizationsRevokedWhenAccessEnds {

    private final UserAuthorizations authorizations;
    private final BackChannelLogout backChannelLogout;

    AuthorizationsRevokedWhenAccessEnds(UserAuthorizations authorizations, BackChannelLogout backChannelLogout) {
        this.authorizations = authorizations;
        this.backChannelLogout = backChannelLogout;
    }

    @EventListener
    void on(UserDeprovisioned event) {
        String reason = event.deleted() ? "deleted" : event.status().name().toLowerCase();
        backChannelLogout.queueEverywhere(event.userId(), authorizations.revokeAll(event.userId(), reason));
    }
}
