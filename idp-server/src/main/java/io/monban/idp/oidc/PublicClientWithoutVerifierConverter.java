package io.monban.idp.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A code redeemed by a client that names itself and sends no credential and no
 * {@code code_verifier}: Spring recognises a public client only by its verifier, so this request
 * would pass as unauthenticated and get an empty 401. Read as a public client's attempt instead,
 * Spring's public-client provider answers it: {@code invalid_grant} (the verifier the code's
 * challenge needs is missing) for a public client, {@code invalid_client} for any other.
 * Last of the client authentication converters, so it sees only what no other one claimed.
 */
final class PublicClientWithoutVerifierConverter implements AuthenticationConverter {

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())
                || !AuthorizationGrantType.AUTHORIZATION_CODE.getValue()
                        .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
                || request.getParameter(PkceParameterNames.CODE_VERIFIER) != null) {
            return null;
        }
        String[] clientId = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
        if (clientId == null || clientId.length != 1 || clientId[0].isBlank()) {
            return null;
        }
        Map<String, Object> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!OAuth2ParameterNames.CLIENT_ID.equals(name)) {
                parameters.put(name, values.length == 1 ? values[0] : values);
            }
        });
        return new OAuth2ClientAuthenticationToken(clientId[0], ClientAuthenticationMethod.NONE, null, parameters);
    }
}
