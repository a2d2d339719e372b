package io.monban.idp.oidc;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

/** Userinfo from the directory as it is now (not as it was when the token was issued). */
class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

    private final DirectoryService directory;

    UserInfoMapper(DirectoryService directory) {
        this.directory = directory;
    }

    @Override
    public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
        String subject = context.getAuthorization().getPrincipalName();
        User user = directory.findWithGroups(UUID.fromString(subject))
                .filter(User::canSignIn)
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                        "the user of this token can no longer sign in", null)));
        Map<String, Object> claims = UserClaims.forScopes(user, context.getAccessToken().getScopes());
        claims.replaceAll((name, value) -> value instanceof Date date ? date.getTime() / 1000 : value);
        return new OidcUserInfo(claims);
    }
}
