package io.monban.idp.saml;

import io.monban.idp.mfa.SecondFactorAuthorization;
import io.monban.idp.web.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The SAML surface, its own filter chain before the end-user pages. The SSO and SLO endpoints
 * take cross-site posts from SPs, so CSRF protection is off for them (their messages are checked
 * instead: registered issuer, signature, destination, time, replay); they never need the session
 * there, and the continuations (same-site GETs) decide about sign-in themselves, so that IsPassive
 * can be answered instead of showing the sign-in page. Only the IdP-initiated logout needs a
 * signed-in user and a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
public class SamlConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain samlChain(HttpSecurity http, RequestCache requests) throws Exception {
        http.securityMatcher(SamlEndpoints.BASE + "/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(SamlEndpoints.IDP_LOGOUT).access(SecondFactorAuthorization.fullySignedIn())
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(SamlEndpoints.SSO, SamlEndpoints.SLO))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                        .accessDeniedHandler(SecondFactorAuthorization.deniedHandler(requests)));
        SecurityHeaders.apply(http);
        return http.build();
    }
}
