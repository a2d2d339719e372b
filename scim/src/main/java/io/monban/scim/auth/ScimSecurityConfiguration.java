package io.monban.scim.auth;

import io.monban.scim.server.ScimJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The SCIM surface's own chain: bearer tokens of registered SCIM clients, no sessions, no CSRF
 * (no cookies are involved), and answers in the SCIM error format. Ordered before the other
 * chains, whose matchers would otherwise take {@code /scim/**} for end-user pages.
 */
@Configuration(proxyBeanMethods = false)
public class ScimSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain scimChain(HttpSecurity http, ScimClients clients) throws Exception {
        AuthenticationEntryPoint entryPoint = unauthorized();
        http.securityMatcher("/scim/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ScimBearerTokenFilter(clients, entryPoint), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/scim/**").hasAuthority(ScimScope.READ.authority())
                        // A search by POST reads only.
                        .requestMatchers(HttpMethod.POST, "/scim/*/*/.search", "/scim/*/.search")
                        .hasAuthority(ScimScope.READ.authority())
                        .anyRequest().hasAuthority(ScimScope.WRITE.authority()))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(forbidden()));
        return http.build();
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            boolean tokenSent = exception instanceof BadCredentialsException;
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", tokenSent
                    ? "Bearer realm=\"scim\", error=\"invalid_token\", error_description=\"unknown, revoked or expired token\""
                    : "Bearer realm=\"scim\"");
            response.setContentType(ScimJson.SCIM.toString());
            response.getOutputStream().write(ScimJson.errorBody(401, null, tokenSent
                    ? "The bearer token is unknown, revoked or expired."
                    : "Authenticate with the bearer token issued to your SCIM client."));
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> {
            response.setStatus(403);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"scim\", error=\"insufficient_scope\"");
            response.setContentType(ScimJson.SCIM.toString());
            response.getOutputStream().write(ScimJson.errorBody(403, null,
                    "The token's scopes do not allow this request (reading needs 'read', changes need 'write')."));
        };
    }
}
