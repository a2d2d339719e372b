package io.monban.idp.signin;

import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Component;

/**
 * The one place where a sign-in remembers the request it interrupted, so that it goes on there
 * afterwards: every filter chain (Spring Security picks up a {@code RequestCache} bean) and every
 * page of the sign-in (password, second factor, set-up, step-up, re-authentication, passkey)
 * saves to and reads from this cache. Which requests are worth saving is {@link ResumableRequests}.
 */
@Component
public class SignInRequestCache extends HttpSessionRequestCache {

    public SignInRequestCache() {
        setRequestMatcher(new ResumableRequests());
    }
}
