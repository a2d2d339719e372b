package io.monban.idp.login;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Audits each sign-in attempt and sends the browser on. Unknown user and wrong password get the
 * same answer; only a user who proved the password learns that the account is disabled.
 */
final class SignInAuditHandler extends SavedRequestAwareAuthenticationSuccessHandler
        implements AuthenticationFailureHandler {

    private final AuditLog audit;
    private final SimpleUrlAuthenticationFailureHandler badCredentials =
            new SimpleUrlAuthenticationFailureHandler("/login?error");
    private final SimpleUrlAuthenticationFailureHandler disabled =
            new SimpleUrlAuthenticationFailureHandler("/login?disabled");
    private final SimpleUrlAuthenticationFailureHandler locked =
            new SimpleUrlAuthenticationFailureHandler("/login?locked");

    SignInAuditHandler(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        audit.recordAlone(AuditRecord.success("signin.password", authentication.getName(), null));
        super.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException, ServletException {
        String login = request.getParameter("username");
        String attempted = login == null ? "" : login.substring(0, Math.min(login.length(), 100));
        if (exception instanceof SignInLockedException) {
            audit.recordAlone(AuditRecord.failure("signin.password", attempted, "reason=locked"));
            locked.onAuthenticationFailure(request, response, exception);
            return;
        }
        boolean accountState = exception instanceof AccountStatusException;
        audit.recordAlone(AuditRecord.failure("signin.password", attempted,
                accountState ? "reason=account-disabled" : "reason=bad-credentials"));
        (accountState ? disabled : badCredentials).onAuthenticationFailure(request, response, exception);
    }
}
