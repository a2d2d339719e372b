package io.monban.idp.oidc;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.monban.core.application.ApplicationService;
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
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
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
                                                 BackChannelLogoutOnSignOut onSignOut,
                                                 AuthorizationServerSettings settings, MonbanProperties properties,
                                                 JdbcTemplate jdbc, RequestCache requests,
                                                 ApplicationService applications) throws Exception {
        ClientAuthenticationErrors clientErrors = new ClientAuthenticationErrors(properties.issuer());
        DiscoveryMetadata discovery = new DiscoveryMetadata(new ServedScopes(jdbc, clock, Duration.ofSeconds(10)));
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.authorizationEndpoint(endpoint -> endpoint
                    .consentPage(ConsentController.PATH)
                    .errorResponseHandler(new AuthorizationErrorResponses())
                    .authenticationProviders(providers -> {
                        providers.forEach(provider -> {
                            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest) {
                                codeRequest.setAuthorizationConsentRequired(new ConsentRequirement());
                                codeRequest.setAuthenticationValidator(
                                        new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                                .andThen(new NonceWithoutPkce())
                                                .andThen(new ApplicationEntryCheck(applications)));
                            }
                        });
                    }));
            as.clientAuthentication(authentication -> authentication
                    .authenticationConverters(converters -> converters.add(new PublicClientWithoutVerifierConverter()))
                    .errorResponseHandler(clientErrors));
            as.tokenIntrospectionEndpoint(introspection -> introspection.authenticationProviders(providers ->
                    providers.replaceAll(provider -> provider instanceof OAuth2TokenIntrospectionAuthenticationProvider
                            ? new IntrospectionAudience(provider) : provider)));
            as.authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                    builder -> builder.claims(discovery::authorizationServer)));
            as.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(new UserInfoMapper(directory)))
                    .providerConfigurationEndpoint(configuration -> configuration.providerConfigurationCustomizer(
                            builder -> builder.claims(discovery::openIdProvider)))
                    .logoutEndpoint(logout -> logout.logoutResponseHandler(
                            onSignOut.afterRpInitiatedLogout(new OidcLogoutAuthenticationSuccessHandler()))));
        });
        StepUpFilter stepUp = new StepUpFilter(factors, mfa, clientId -> {
            RegisteredClient client = clients.findByClientId(clientId);
            return client != null && ClientOptions.requiresMfa(client);
        }, clock, requests);
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().access(SecondFactorAuthorization.fullySignedIn()))
                .exceptionHandling(exceptions -> exceptions
                        // Protocol endpoints answer in their protocol, whatever the Accept header says:
                        // clients get RFC 6749 §5.2 JSON, userinfo callers an RFC 6750 §3 challenge.
                        .defaultAuthenticationEntryPointFor(clientErrors, new OrRequestMatcher(
                                endpoint(settings.getTokenEndpoint()),
                                endpoint(settings.getTokenIntrospectionEndpoint()),
                                endpoint(settings.getTokenRevocationEndpoint())))
                        .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
                                endpoint(settings.getOidcUserInfoEndpoint()))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML))
                        .accessDeniedHandler(SecondFactorAuthorization.deniedHandler(requests)))
                .addFilterBefore(new ReauthenticationFilter(clock, clients, requests), AuthorizationFilter.class)
                .addFilterBefore(new PromptNoneFilter(stepUp, clients), AuthorizationFilter.class)
                .addFilterBefore(stepUp, AuthorizationFilter.class);
        SecurityHeaders.apply(http);
        return http.build();
    }

    private static RequestMatcher endpoint(String path) {
        return PathPatternRequestMatcher.withDefaults().matcher(path);
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
        // Signs only with keys whose window is open, and reads the keys again before refusing.
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(ring::signingCandidates);
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
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(DirectoryService directory,
                                                              ApplicationService applications) {
        return new TokenClaimsCustomizer(directory, applications);
    }
}
