package io.monban.scim.auth;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a SCIM client's bearer token. Its name, {@code scim:<client>}, is
 * the actor of every audited change the request makes.
 */
public class ScimClientAuthentication extends AbstractAuthenticationToken {

    private final String clientName;

    public ScimClientAuthentication(String clientName, Set<ScimScope> scopes) {
        super(scopes.stream().map(s -> new SimpleGrantedAuthority(s.authority())).collect(Collectors.toSet()));
        this.clientName = clientName;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return clientName;
    }

    @Override
    public String getName() {
        return "scim:" + clientName;
    }
}
