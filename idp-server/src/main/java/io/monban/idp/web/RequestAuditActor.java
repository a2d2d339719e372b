package io.monban.idp.web;

import io.monban.core.audit.AuditActor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The actor of an audited change made during a web request: the signed-in user or the
 * authenticated client, and the client address (behind a proxy, as resolved from the forwarded
 * headers the server is configured to trust).
 */
@Component
public class RequestAuditActor implements AuditActor {

    @Override
    public String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return currentRequest() == null ? SYSTEM.name() : "anonymous";
        }
        return authentication.getName();
    }

    @Override
    public String ip() {
        HttpServletRequest request = currentRequest();
        return request == null ? null : request.getRemoteAddr();
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
