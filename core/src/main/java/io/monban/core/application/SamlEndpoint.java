package io.monban.core.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * An endpoint of a service provider from its metadata: where assertions (ACS) or logout
 * messages (SLO) may be sent, and over which binding. Only these URLs ever receive a message.
 *
 * @param index     the ACS index (AssertionConsumerServiceIndex), null for SLO endpoints
 * @param isDefault the ACS used when a request names none
 */
@Embeddable
public record SamlEndpoint(@Enumerated(EnumType.STRING) @Column(name = "kind") Kind kind,
                           @Column(name = "binding") String binding,
                           @Column(name = "location") String location,
                           @Column(name = "response_location") String responseLocation,
                           @Column(name = "idx") Integer index,
                           @Column(name = "is_default") boolean isDefault) {

    public enum Kind { ACS, SLO }

    public static SamlEndpoint acs(String binding, String location, Integer index, boolean isDefault) {
        return new SamlEndpoint(Kind.ACS, binding, location, null, index, isDefault);
    }

    public static SamlEndpoint slo(String binding, String location, String responseLocation) {
        return new SamlEndpoint(Kind.SLO, binding, location, responseLocation, null, false);
    }
}
