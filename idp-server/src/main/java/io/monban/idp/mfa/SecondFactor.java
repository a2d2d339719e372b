package io.monban.idp.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
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
 * user who has a second factor (authenticator app or WebAuthn key) with {@link #REQUIRED}, and
 * the second step adds its factor ({@link #TOTP_FACTOR}, {@link #HARDWARE_KEY_FACTOR} or
 * {@link #SOFTWARE_KEY_FACTOR}). Until both are there the sign-in is half finished.
 */
public final class SecondFactor {

    public static final String REQUIRED = "MFA_REQUIRED";
    /** This browser passed the second factor recently and the policy lets it skip it for a while. */
    public static final String REMEMBERED = "MFA_BROWSER_REMEMBERED";
    /** The code is asked for a step-up: a remembered browser is not enough. */
    public static final String STEP_UP = "MFA_STEP_UP";
    /** Policy requires a second factor and the user has none yet: set one up before going on. */
    public static final String ENROLMENT_REQUIRED = "MFA_ENROLMENT_REQUIRED";
    public static final String TOTP_FACTOR = "FACTOR_TOTP";
    /** A device-bound WebAuthn key (amr "hwk"). */
    public static final String HARDWARE_KEY_FACTOR = "FACTOR_HWK";
    /** A synced passkey, whose private key may be copied between the user's devices (amr "swk"). */
    public static final String SOFTWARE_KEY_FACTOR = "FACTOR_SWK";
    /** The authenticator verified the user itself (PIN or biometric): with a passkey, a second factor in one step. */
    public static final String USER_VERIFIED_FACTOR = "FACTOR_USER_VERIFIED";
    static final Set<String> SECOND_FACTORS = Set.of(TOTP_FACTOR, HARDWARE_KEY_FACTOR, SOFTWARE_KEY_FACTOR,
            USER_VERIFIED_FACTOR);

    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    private SecondFactor() {
    }

    public static GrantedAuthority required() {
        return new SimpleGrantedAuthority(REQUIRED);
    }

    public static GrantedAuthority enrolmentRequired() {
        return new SimpleGrantedAuthority(ENROLMENT_REQUIRED);
    }

    public static boolean isMissing(Authentication authentication) {
        return authentication != null && (has(authentication, REQUIRED) || has(authentication, ENROLMENT_REQUIRED))
                && !passedSecondFactor(authentication) && !has(authentication, REMEMBERED);
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

    /** Whether this sign-in includes a second factor (code, key, or a passkey that verified the user). */
    public static boolean passedSecondFactor(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> SECOND_FACTORS.contains(a.getAuthority()));
    }

    /** Whether a second factor of this sign-in was given after {@code oldest}. */
    public static boolean passedSecondFactorSince(Authentication authentication, Instant oldest) {
        return authentication.getAuthorities().stream()
                .anyMatch(a -> a instanceof FactorGrantedAuthority f && SECOND_FACTORS.contains(f.getAuthority())
                        && f.getIssuedAt().isAfter(oldest));
    }

    /** Missing, and there is no authenticator yet to ask for a code. */
    public static boolean mustEnrol(Authentication authentication) {
        return isMissing(authentication) && has(authentication, ENROLMENT_REQUIRED);
    }

    /**
     * The same sign-in with a second factor added (now, as its time), replacing any older one so
     * that the factors and their times say what was proved last.
     */
    static Authentication withFactor(Authentication authentication, String factor) {
        List<GrantedAuthority> authorities = new ArrayList<>(authentication.getAuthorities());
        authorities.removeIf(a -> SECOND_FACTORS.contains(a.getAuthority()) || STEP_UP.equals(a.getAuthority()));
        authorities.add(FactorGrantedAuthority.fromAuthority(factor));
        return withAuthorities(authentication, authorities);
    }

    /** The same sign-in, asking for a second factor again (a step-up whose factor has grown too old). */
    static Authentication requiringSecondFactor(Authentication authentication) {
        List<GrantedAuthority> authorities = new ArrayList<>(authentication.getAuthorities());
        authorities.removeIf(a -> SECOND_FACTORS.contains(a.getAuthority()) || REQUIRED.equals(a.getAuthority())
                || REMEMBERED.equals(a.getAuthority()));
        authorities.add(required());
        authorities.add(new SimpleGrantedAuthority(STEP_UP));
        return withAuthorities(authentication, authorities);
    }

    /** Makes {@code authentication} this request's and this session's sign-in. */
    public static void replace(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
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
