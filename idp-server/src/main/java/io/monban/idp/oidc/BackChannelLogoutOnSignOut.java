package io.monban.idp.oidc;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a user signs out of Monban (the sign-out button, or a relying party's RP-initiated
 * logout), the other relying parties that got ID tokens from that sign-in session are told over
 * the back channel. Runs before the session is invalidated, while its id is still known.
 */
@Component
public class BackChannelLogoutOnSignOut implements LogoutHandler {

    private final UserAuthorizations authorizations;
    private final BackChannelLogout backChannelLogout;
    private final TransactionTemplate tx;

    BackChannelLogoutOnSignOut(UserAuthorizations authorizations, BackChannelLogout backChannelLogout,
                               TransactionTemplate tx) {
        this.authorizations = authorizations;
        this.backChannelLogout = backChannelLogout;
        this.tx = tx;
    }

    /** Sign-out on Monban's own pages. */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        HttpSession session = request.getSession(false);
        if (authentication != null && session != null) {
            notifyOthers(authentication.getName(), session.getId(), null);
        }
    }

    /** RP-initiated logout: the relying party that asked already knows, the others are told. */
    AuthenticationSuccessHandler afterRpInitiatedLogout(AuthenticationSuccessHandler delegate) {
        return new AuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                                Authentication authentication) throws IOException, ServletException {
                if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.isPrincipalAuthenticated()
                        && logout.getSessionId() != null) {
                    String initiator = logout.getIdToken() == null || logout.getIdToken().getAudience() == null
                            ? null : logout.getIdToken().getAudience().stream().findFirst().orElse(null);
                    notifyOthers(((Authentication) logout.getPrincipal()).getName(), logout.getSessionId(), initiator);
                }
                delegate.onAuthenticationSuccess(request, response, authentication);
            }
        };
    }

    private void notifyOthers(String principal, String sessionId, String exceptClientId) {
        UUID userId;
        try {
            userId = UUID.fromString(principal);
        } catch (IllegalArgumentException e) {
            return; // not a user of the directory
        }
        tx.executeWithoutResult(status -> {
            List<UserAuthorizations.Grant> grants = authorizations.grantsOfSession(userId, sessionId).stream()
                    .filter(g -> !g.client().getClientId().equals(exceptClientId)).toList();
            backChannelLogout.queue(userId, grants);
        });
    }
}
