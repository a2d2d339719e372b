package io.monban.idp.oidc;

import io.monban.core.outbox.Outbox;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Queues OpenID Connect Back-Channel Logout 1.0 notifications: one logout token per client with
 * a {@code backchannel_logout_uri} and per sign-in session of the user it knows (a token without
 * {@code sid}, meaning every session of the user, when no session is known). Queued in the
 * outbox because they leave the process and must survive a restart; the token itself is made at
 * delivery, so that a retry carries a fresh one.
 */
@Component
class BackChannelLogout {

    static final String CHANNEL = "backchannel-logout";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final RegisteredClientRepository clients;

    BackChannelLogout(Outbox outbox, JdbcTemplate jdbc, RegisteredClientRepository clients) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clients = clients;
    }

    /**
     * A user lost access: the clients that hold grants get a token per known session, and every
     * other client with a {@code backchannel_logout_uri} one without {@code sid} (every session of
     * the user), since it may still have a session whose grant has expired here. The token names
     * only the opaque {@code sub}, which tells a client that never saw the user nothing.
     */
    void queueEverywhere(UUID userId, List<UserAuthorizations.Grant> grants) {
        queue(userId, grants);
        Set<String> told = new HashSet<>();
        grants.forEach(g -> told.add(g.client().getId()));
        for (String id : jdbc.queryForList("SELECT id FROM oauth2_registered_client ORDER BY client_id", String.class)) {
            RegisteredClient client = clients.findById(id);
            if (client != null && !told.contains(id) && ClientOptions.backchannelLogoutUri(client).isPresent()) {
                outbox.enqueue(CHANNEL, client.getClientId(), userId, "logout",
                        JSON.createObjectNode().put("sub", userId.toString()).toString());
            }
        }
    }

    void queue(UUID userId, List<UserAuthorizations.Grant> grants) {
        Set<String> queued = new LinkedHashSet<>();
        for (UserAuthorizations.Grant grant : grants) {
            if (ClientOptions.backchannelLogoutUri(grant.client()).isEmpty()) {
                continue;
            }
            String clientId = grant.client().getClientId();
            boolean clientHasSid = grants.stream().anyMatch(g -> g.client().getId().equals(grant.client().getId())
                    && g.sid().isPresent());
            if (grant.sid().isEmpty() && clientHasSid) {
                continue; // the client's known sessions get their own tokens
            }
            ObjectNode payload = JSON.createObjectNode().put("sub", userId.toString());
            grant.sid().ifPresent(sid -> payload.put("sid", sid));
            if (queued.add(clientId + " " + payload)) {
                outbox.enqueue(CHANNEL, clientId, userId, "logout", payload.toString());
            }
        }
    }
}
