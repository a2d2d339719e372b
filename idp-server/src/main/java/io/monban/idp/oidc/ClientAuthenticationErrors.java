package io.monban.idp.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The answer of the token, introspection and revocation endpoints when the client is not
 * authenticated: RFC 6749 §5.2 {@code invalid_client} with HTTP 401 and a {@code WWW-Authenticate}
 * challenge, both when the credentials were wrong (failure handler of the client authentication
 * filter) and when there were none (entry point), so a client never gets a sign-in page. The
 * challenge is Basic whatever the client tried, as Keycloak answers: it is the one scheme a
 * client can always fall back to. Other failures of client authentication (a PKCE verifier that
 * does not match, a malformed client id) are 400 with their own error code.
 */
final class ClientAuthenticationErrors implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    private final HttpMessageConverter<OAuth2Error> json = new OAuth2ErrorHttpMessageConverter();
    private final String challenge;

    /** @param realm the protection space named in the challenge: the issuer */
    ClientAuthenticationErrors(String realm) {
        this.challenge = "Basic realm=\"" + realm.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** No client authentication in the request at all. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        invalidClient(response, "The request does not authenticate the client");
    }

    /** Client authentication that was tried and failed. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        OAuth2Error error = e instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
        if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
            // One description for unknown client and wrong secret: Spring's would tell them apart.
            invalidClient(response, "The client is unknown or its credentials are wrong");
            return;
        }
        // Spring's descriptions of these name only the offending parameter (code, code_verifier, client_id).
        write(response, HttpStatus.BAD_REQUEST, new OAuth2Error(error.getErrorCode(), error.getDescription(), null));
    }

    private void invalidClient(HttpServletResponse response, String description) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        write(response, HttpStatus.UNAUTHORIZED, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }

    private void write(HttpServletResponse response, HttpStatus status, OAuth2Error error) throws IOException {
        ServletServerHttpResponse http = new ServletServerHttpResponse(response);
        http.setStatusCode(status);
        json.write(error, null, http);
    }
}
