package io.monban.core.config;

import io.monban.core.audit.AuditActor;
import io.monban.core.credential.PasswordHasher;
import io.monban.core.credential.PasswordPolicy;
import io.monban.core.credential.PasswordProperties;
import io.monban.core.crypto.CryptoProperties;
import io.monban.core.crypto.MasterKeySource;
import io.monban.core.crypto.NativeCryptoProvider;
import io.monban.core.crypto.SecretEncryptor;
import io.monban.core.policy.LockoutProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PasswordProperties.class, CryptoProperties.class, LockoutProperties.class})
public class CoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordHasher passwordHasher(PasswordProperties properties) {
        return new PasswordHasher(properties.argon2());
    }

    @Bean
    PasswordPolicy passwordPolicy(PasswordProperties properties) {
        return new PasswordPolicy(properties);
    }

    /** Also the point where the native provider goes in: before any key is read or used. */
    @Bean
    SecretEncryptor secretEncryptor(CryptoProperties properties) {
        if (properties.nativeProvider()) {
            NativeCryptoProvider.install();
        }
        return new SecretEncryptor(MasterKeySource.resolve(properties));
    }

    @Bean
    @ConditionalOnMissingBean
    AuditActor auditActor() {
        return AuditActor.SYSTEM;
    }
}
