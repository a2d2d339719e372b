package io.monban.idp.login;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.core.directory.UserStatus;
import io.monban.idp.mfa.EnrolledFactors;
import io.monban.idp.mfa.MfaPolicy;
import io.monban.idp.mfa.SecondFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Users for the password step, found by username or email. The principal's name is the user's
 * id, which becomes the stable {@code sub}; the typed login name never leaves the sign-in.
 */
final class DirectoryUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final DirectoryService directory;
    private final EnrolledFactors factors;
    private final MfaPolicy mfaPolicy;

    DirectoryUserDetailsService(DirectoryService directory, EnrolledFactors factors, MfaPolicy mfaPolicy) {
        this.directory = directory;
        this.factors = factors;
        this.mfaPolicy = mfaPolicy;
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        User user = directory.findByLogin(login)
                .filter(u -> u.getPasswordHash().isPresent())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        List<GrantedAuthority> authorities = new ArrayList<>(roleAuthorities(user));
        // The password alone does not finish the sign-in of a user with a second factor, nor of
        // one whom the policy requires to have one (who sets it up right after the password).
        if (factors.any(user.getId())) {
            authorities.add(SecondFactor.required());
        } else if (mfaPolicy.requires(user) || factors.onlyUnaccepted(user.getId())) {
            authorities.add(SecondFactor.enrolmentRequired());
        }
        return org.springframework.security.core.userdetails.User.withUsername(user.getId().toString())
                .password(user.getPasswordHash().orElseThrow())
                .disabled(user.getStatus() != UserStatus.ACTIVE)
                .authorities(authorities)
                .build();
    }

    /** The user's roles as authorities, whichever step signed the user in. */
    static List<GrantedAuthority> roleAuthorities(User user) {
        return user.effectiveRoleNames().stream().sorted()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String strongerHash) {
        directory.replacePasswordHash(UUID.fromString(user.getUsername()), user.getPassword(), strongerHash);
        return org.springframework.security.core.userdetails.User.withUserDetails(user).password(strongerHash).build();
    }
}
