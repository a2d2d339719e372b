package io.monban.idp.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The second-factor state of a sign-in, carried in its authorities: the password step marks a
 * user who has a TOTP authenticator with {@link #TOTP_REQUIRED}, and the TOTP step adds the
 * {@link #TOTP_FACTOR} factor. Until both are there the sign-in is half finished.
 */
public final class SecondFactor {

    public static final String TOTP_REQUIRED = "MFA_TOTP_REQUIRED";
    /** This browser passed the second factor recently and the policy lets it skip it for a while. */
    public static final String REMEMBERED = "MFA_BROWSER_REMEMBERED";
    /** The code is asked for a step-up: a remembered browser is not enough. */
    public static final String STEP_UP = "MFA_STEP_UP";
    /** Policy requires a second factor and the user has none yet: set one up before going on. */
    public static final String ENROLMENT_REQUIRED = "MFA_ENROLMENT_REQUIRED";
    public static final String TOTP_FACTOR = "FACTOR_TOTP";

    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    private SecondFactor() {
    }

    public static GrantedAuthority required() {
        return new SimpleGrantedAuthority(TOTP_REQUIRED);
    }

    public static GrantedAuthority enrolmentRequired() {
        return new SimpleGrantedAuthority(ENROLMENT_REQUIRED);
    }

    public static boolean isMissing(Authentication authentication) {
        return authentication != null && (has(authentication, TOTP_REQUIRED) || has(authentication, ENROLMENT_REQUIRED))
                && !has(authentication, TOTP_FACTOR) && !has(authentication, REMEMBERED);
    }

    /**
     * The same sign-in, finished by a remembered browser. Not a factor: {@code amr} stays "pwd"
     * and a request for the multi-factor level still asks for the code.
     */
    static Authentication rememberedBrowser(Authentication authentication) {
        List<GrantedAuthority> authorities = new ArrayList<>(authentication.getAuthorities());
        authorities.add(new SimpleGrantedAuthority(REMEMBERED));
        return withAuthorities(authentication, authorities);
    }

    public static boolean isStepUp(Authentication authentication) {
        return authentication != null && has(authentication, STEP_UP);
    }

    /** Whether this sign-in includes the authenticator code. */
    public static boolean passedTotp(Authentication authentication) {
        return authentication != null && has(authentication, TOTP_FACTOR);
    }

    /** Missing, and there is no authenticator yet to ask for a code. */
    public static boolean mustEnrol(Authentication authentication) {
        return isMissing(authentication) && has(authentication, ENROLMENT_REQUIRED);
    }

    /** The same sign-in with the TOTP factor added (now, as its time). */
    static Authentication withTotp(Authentication authentication) {
        List<GrantedAuthority> authorities = new ArrayList<>(authentication.getAuthorities());
        authorities.removeIf(a -> TOTP_FACTOR.equals(a.getAuthority()) || STEP_UP.equals(a.getAuthority()));
        authorities.add(FactorGrantedAuthority.fromAuthority(TOTP_FACTOR));
        return withAuthorities(authentication, authorities);
    }

    /** The same sign-in, asking for the code again (a step-up whose factor has grown too old). */
    static Authentication requiringTotp(Authentication authentication) {
        List<GrantedAuthority> authorities = new ArrayList<>(authentication.getAuthorities());
        authorities.removeIf(a -> TOTP_FACTOR.equals(a.getAuthority()) || TOTP_REQUIRED.equals(a.getAuthority())
                || REMEMBERED.equals(a.getAuthority()));
        authorities.add(required());
        authorities.add(new SimpleGrantedAuthority(STEP_UP));
        return withAuthorities(authentication, authorities);
    }

    /** Makes {@code authentication} this request's and this session's sign-in. */
    static void replace(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
    }

    private static Authentication withAuthorities(Authentication authentication, List<GrantedAuthority> authorities) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
                authentication.getPrincipal(), null, authorities);
        token.setDetails(authentication.getDetails());
        return token;
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
