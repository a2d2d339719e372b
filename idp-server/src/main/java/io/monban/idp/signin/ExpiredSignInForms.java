package io.monban.idp.signin;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A sign-in form posted after its session expired, or with the token of an older page (another
 * tab signed in meanwhile), is refused by the CSRF check. That is not an attack to show a bare 403
 * for: the sign-in starts again on the sign-in page, which says why. The session, if it still
 * exists, keeps the request the sign-in was for, so the new sign-in still goes there. Script
 * requests (the WebAuthn ceremonies) are told the same in JSON, as {@code next}.
 */
public final class ExpiredSignInForms implements AccessDeniedHandler {

    public static final String RESTART = "/login?expired";
    /** Spring Security's defaults, as the pages and {@code webauthn.js} send them. */
    private static final String TOKEN_PARAMETER = "_csrf";
    private static final String TOKEN_HEADER = "X-CSRF-TOKEN";

    private final List<String> forms;
    private final AccessDeniedHandler otherwise;

    /** @param forms the paths of the sign-in's forms (exact, or a prefix ending in {@code /}) */
    public ExpiredSignInForms(List<String> forms, AccessDeniedHandler otherwise) {
        this.forms = List.copyOf(forms);
        this.otherwise = otherwise;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (!(denied instanceof CsrfException) || !isSignInForm(request) || !carriesToken(request)) {
            otherwise.handle(request, response, denied);
            return;
        }
        String next = request.getContextPath() + RESTART;
        if (isJson(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(("{\"error\":\"expired\",\"next\":\"" + next + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        // 303: the browser follows with a GET, and a reload does not post the stale form again.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", next);
    }

    /**
     * Only a form that came from one of Monban's pages (it has a token, now stale) is restarted; a
     * post without any token was never a page of the sign-in (a forged cross-site sign-in) and
     * stays a plain 403.
     */
    private static boolean carriesToken(HttpServletRequest request) {
        return request.getParameter(TOKEN_PARAMETER) != null || request.getHeader(TOKEN_HEADER) != null;
    }

    private boolean isSignInForm(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return forms.stream().anyMatch(form -> form.endsWith("/") ? path.startsWith(form) : path.equals(form));
    }

    private static boolean isJson(HttpServletRequest request) {
        try {
            return request.getContentType() != null
                    && MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(request.getContentType()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
