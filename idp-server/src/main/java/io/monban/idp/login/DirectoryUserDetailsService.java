package io.monban.idp.login;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.core.directory.UserStatus;
import java.util.UUID;
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

    DirectoryUserDetailsService(DirectoryService directory) {
        this.directory = directory;
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        User user = directory.findByLogin(login)
                .filter(u -> u.getPasswordHash().isPresent())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return org.springframework.security.core.userdetails.User.withUsername(user.getId().toString())
                .password(user.getPasswordHash().orElseThrow())
                .disabled(user.getStatus() != UserStatus.ACTIVE)
                .authorities(user.effectiveRoleNames().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                        .toList())
                .build();
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String strongerHash) {
        directory.replacePasswordHash(UUID.fromString(user.getUsername()), user.getPassword(), strongerHash);
        return org.springframework.security.core.userdetails.User.withUserDetails(user).password(strongerHash).build();
    }
}
