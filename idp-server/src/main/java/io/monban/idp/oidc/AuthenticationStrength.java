package io.monban.idp.oidc;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What the sign-in proved, in the vocabulary of the ID token: {@code amr} values (RFC 8176) and
 * an {@code acr} level. Derived from the factor authorities the sign-in steps granted.
 */
record AuthenticationStrength(List<String> amr, String acr) {

    static final String ACR_SINGLE_FACTOR = "urn:monban:loa:1";
    static final String ACR_MULTI_FACTOR = "urn:monban:loa:2";

    static AuthenticationStrength of(Authentication authentication) {
        Set<String> methods = new TreeSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority instanceof FactorGrantedAuthority factor) {
                methods.add(amrOf(factor.getAuthority()));
            }
        }
        if (methods.size() > 1) {
            methods.add("mfa");
        }
        return new AuthenticationStrength(List.copyOf(methods),
                methods.contains("mfa") ? ACR_MULTI_FACTOR : ACR_SINGLE_FACTOR);
    }

    private static String amrOf(String factorAuthority) {
        return switch (factorAuthority) {
            case FactorGrantedAuthority.PASSWORD_AUTHORITY -> "pwd";
            case FactorGrantedAuthority.WEBAUTHN_AUTHORITY -> "hwk";
            case "FACTOR_TOTP" -> "otp";
            case "FACTOR_HWK" -> "hwk";
            case "FACTOR_SWK" -> "swk";
            // RFC 8176 has no value for "PIN or biometric, the authenticator does not say which".
            case "FACTOR_USER_VERIFIED" -> "user";
            default -> factorAuthority.replace("FACTOR_", "").toLowerCase();
        };
    }
}
