package io.monban.idp.oidc;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.monban.core.audit.AuditLog;
import io.monban.core.crypto.SigningKeyService;
import io.monban.core.directory.DirectoryService;
import io.monban.idp.mfa.SecondFactorAuthorization;
import io.monban.idp.mfa.EnrolledFactors;
import io.monban.core.policy.MfaPolicyService;
import io.monban.idp.mfa.StepUpFilter;
import io.monban.idp.web.MonbanProperties;
import io.monban.idp.web.SecurityHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OpenID provider: Spring Authorization Server with clients, authorizations and consents in
 * the database, Monban's signing keys, claims and refresh-token replay detection.
 */
@Configuration(proxyBeanMethods = false)
public class OidcConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, DirectoryService directory,
                                                 RegisteredClientRepository clients, Clock clock,
                                                 EnrolledFactors factors, MfaPolicyService mfa,
                                                 BackChannelLogoutOnSignOut onSignOut, RequestCache requests) throws Exception {
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.authorizationEndpoint(endpoint -> endpoint
                    .consentPage(ConsentController.PATH)
                    .authenticationProviders(providers -> providers.forEach(provider -> {
                        if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest) {
                            codeRequest.setAuthorizationConsentRequired(new ConsentRequirement());
                        }
                    })));
            as.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(new UserInfoMapper(directory)))
                    // OIDC Back-Channel Logout 1.0 §2.1: logout tokens, with sid.
                    .providerConfigurationEndpoint(configuration -> configuration.providerConfigurationCustomizer(
                            metadata -> metadata.claim("backchannel_logout_supported", true)
                                    .claim("backchannel_logout_session_supported", true)))
                    .logoutEndpoint(logout -> logout.logoutResponseHandler(
                            onSignOut.afterRpInitiatedLogout(new OidcLogoutAuthenticationSuccessHandler()))));
        });
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().access(SecondFactorAuthorization.fullySignedIn()))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML))
                        .accessDeniedHandler(SecondFactorAuthorization.deniedHandler(requests)))
                .addFilterBefore(new ReauthenticationFilter(clock, clients, requests), AuthorizationFilter.class)
                .addFilterBefore(new StepUpFilter(factors, mfa, clientId -> {
                    RegisteredClient client = clients.findByClientId(clientId);
                    return client != null && ClientOptions.requiresMfa(client);
                }, clock, requests), AuthorizationFilter.class);
        SecurityHeaders.apply(http);
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(MonbanProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc, Clock clock) {
        return new CachingRegisteredClientRepository(new JdbcRegisteredClientRepository(jdbc), clock,
                Duration.ofSeconds(10));
    }

    @Bean
    AccessTokenLookup authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients,
                                               TransactionTemplate tx, AuditLog audit, Clock clock,
                                               JwtDecoder decoder) {
        OAuth2AuthorizationService stored = new ReplayDetectingAuthorizationService(
                new JdbcOAuth2AuthorizationService(jdbc, clients), jdbc, tx, audit, clock);
        return new AccessTokenLookup(stored, decoder, clients, jdbc);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
                                                                  RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /** Client secrets only: user passwords go through {@code PasswordHasher}. */
    @Bean
    PasswordEncoder clientSecretEncoder() {
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ClientSecretEncoder.ID, Map.of(
                ClientSecretEncoder.ID, new ClientSecretEncoder(),
                "bcrypt", new BCryptPasswordEncoder(),
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
        return encoder;
    }

    /** Also the authorization server's {@code JWKSource}: JWKS endpoint and token signing. */
    @Bean
    SigningKeyRing signingKeyRing(SigningKeyService keys, Clock clock) {
        return new SigningKeyRing(keys, clock, Duration.ofSeconds(30));
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeyRing ring) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(ring);
        encoder.setJwkSelector(ring::pickSigningKey);
        return encoder;
    }

    /** Verifies Monban's own access tokens (userinfo): both algorithms, this issuer. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeyRing ring, MonbanProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(ring::verificationKeys);
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(DirectoryService directory) {
        return new TokenClaimsCustomizer(directory);
    }
}
