package io.monban.idp.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Headers every surface sends. No {@code form-action} in the policy: the consent form posts to
 * the authorization endpoint, which redirects to the client, and browsers apply form-action to
 * that redirect too.
 */
public final class SecurityHeaders {

    /** {@code data:} images: the authenticator QR code is rendered inline, never fetched. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    private SecurityHeaders() {
    }

    public static void apply(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .frameOptions(frame -> frame.deny()));
    }
}
