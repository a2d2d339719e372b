package io.monban.idp.web;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;

/**
 * An entry into an application that was refused (not assigned to the user, or disabled), kept in
 * the session for the one page that explains it. {@code continueUrl} is the application's own
 * error answer (its registered redirect URI with {@code error=access_denied}), the only place the
 * page's "back to the application" link may go.
 */
public record RefusedEntry(String application, String reason, String continueUrl) implements Serializable {

    public static final String PAGE = "/applications/refused";
    private static final String ATTRIBUTE = RefusedEntry.class.getName();

    public void keep(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** The entry kept for the page, once: reloading the page afterwards shows the generic text. */
    static Optional<RefusedEntry> take(HttpSession session) {
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof RefusedEntry entry)) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(entry);
    }
}
