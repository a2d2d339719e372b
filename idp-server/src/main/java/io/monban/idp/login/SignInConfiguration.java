package io.monban.idp.login;

import io.monban.core.audit.AuditLog;
import io.monban.core.credential.PasswordHasher;
import io.monban.core.directory.DirectoryService;
import io.monban.core.policy.SignInLockout;
import io.monban.idp.mfa.EnrolledFactors;
import io.monban.idp.mfa.MfaPolicy;
import io.monban.idp.mfa.SecondFactorAuthorization;
import io.monban.idp.signin.ExpiredSignInForms;
import io.monban.idp.web.SecurityHeaders;
import java.util.List;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import io.monban.core.directory.Role;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/** The end users' surface: sign-in page, sign-out, the pages behind them, and session rules. */
@Configuration(proxyBeanMethods = false)
public class SignInConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain endUserChain(HttpSecurity http, SignInAuditHandler handler,
                                     ObjectProvider<LogoutHandler> signOutHandlers,
                                     RequestCache requests) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", "/logged-out", "/css/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(SecondFactorAuthorization.CHALLENGE_PATH, SecondFactorAuthorization.CHALLENGE_PATH + "/**")
                        .authenticated()
                        .requestMatchers(PasskeySignInController.OPTIONS_PATH, PasskeySignInController.ANSWER_PATH, "/js/**")
                        .permitAll()
                        .requestMatchers(SecondFactorAuthorization.ENROLMENT_PATH, SecondFactorAuthorization.WEBAUTHN_PATH,
                                SecondFactorAuthorization.WEBAUTHN_PATH + "/**")
                        .access(SecondFactorAuthorization.signedInOrEnrolling())
                        // The console: administrators only, and only once fully signed in (with the
                        // second factor the policy always demands of them).
                        .requestMatchers("/admin/**").access(AuthorizationManagers.allOf(
                                SecondFactorAuthorization.fullySignedIn(), AuthorityAuthorizationManager.hasRole(Role.ADMINISTRATOR)))
                        .anyRequest().access(SecondFactorAuthorization.fullySignedIn()))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new ExpiredSignInForms(List.of("/login",
                        SecondFactorAuthorization.CHALLENGE_PATH, SecondFactorAuthorization.CHALLENGE_PATH + "/",
                        SecondFactorAuthorization.ENROLMENT_PATH, PasskeySignInController.ANSWER_PATH + "/",
                        PasskeySignInController.ANSWER_PATH), SecondFactorAuthorization.deniedHandler(requests))))
                .formLogin(form -> form.loginPage("/login").successHandler(handler).failureHandler(handler))
                .logout(logout -> {
                    logout.logoutUrl("/logout").logoutSuccessUrl("/logged-out");
                    // Before the session is invalidated (e.g. back-channel logout needs its id).
                    signOutHandlers.orderedStream().forEach(logout::addLogoutHandler);
                });
        SecurityHeaders.apply(http);
        return http.build();
    }

    /**
     * The only authentication provider bean, so it is the global authentication manager's only
     * provider, and the sign-in form uses that manager directly. Adding it to the chain as well
     * would make a failed attempt run (and count, and hash) twice: once locally and once in the
     * parent manager.
     */
    @Bean
    LockoutAuthenticationProvider passwordStep(DirectoryService directory, PasswordHasher hasher,
                                               SignInLockout lockout, EnrolledFactors factors, MfaPolicy mfaPolicy) {
        return new LockoutAuthenticationProvider(passwordCheck(directory, hasher, factors, mfaPolicy), lockout, directory);
    }

    private static DaoAuthenticationProvider passwordCheck(DirectoryService directory, PasswordHasher hasher,
                                                           EnrolledFactors factors, MfaPolicy mfaPolicy) {
        DirectoryUserDetailsService users = new DirectoryUserDetailsService(directory, factors, mfaPolicy);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(new UserPasswordEncoder(hasher));
        provider.setUserDetailsPasswordService(users);
        // Account state is checked only after the password: checking it first would answer a
        // disabled account faster than a wrong password and so reveal that it exists.
        provider.setPreAuthenticationChecks(user -> { });
        provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return provider;
    }

    @Bean
    SignInAuditHandler signInAuditHandler(AuditLog audit, RequestCache requests) {
        SignInAuditHandler handler = new SignInAuditHandler(audit);
        handler.setRequestCache(requests);
        return handler;
    }

    /** Lets the OpenID provider tie ID tokens ({@code sid}) and logout to the shared session store. */
    @Bean
    SessionRegistry sessionRegistry(JdbcTemplate jdbc, Clock clock) {
        return new JdbcSessionRegistry(jdbc, clock);
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionIdleTimeout(SessionProperties properties) {
        return repository -> repository.setDefaultMaxInactiveInterval(properties.idleTimeout());
    }

    @Bean
    CookieSerializer cookieSerializer(SessionProperties properties) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(properties.cookieName());
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        // Secure whenever the request came over TLS (directly, or per a trusted proxy: ClientAddressFilter).
        return serializer;
    }

    @Bean
    FilterRegistrationBean<AbsoluteSessionLifetimeFilter> absoluteSessionLifetime(SessionProperties properties,
                                                                                  Clock clock) {
        FilterRegistrationBean<AbsoluteSessionLifetimeFilter> registration = new FilterRegistrationBean<>(
                new AbsoluteSessionLifetimeFilter(properties.absoluteLifetime(), clock));
        // After Spring Session's filter (which provides the session), before Spring Security.
        registration.setOrder(-105);
        return registration;
    }
}
