package io.monban.idp.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * HTTP request metrics stay; Spring Security's observation of every filter of every request
 * goes: it wraps each of the ~20 filters of a request and costs more than most of them.
 */
@Configuration(proxyBeanMethods = false)
public class ObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
