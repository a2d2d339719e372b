package io.monban.core.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One attribute a service provider receives: which user property, under which SAML name and
 * NameFormat (SPs disagree on both, e.g. {@code mail} vs an OID, basic vs uri).
 *
 * @param source one of {@link #SOURCES}
 */
@Embeddable
public record SamlAttribute(@Column(name = "source") String source, @Column(name = "name") String name,
                            @Column(name = "name_format") String nameFormat) {

    public static final java.util.Set<String> SOURCES = java.util.Set.of("email", "givenName", "surname",
            "displayName", "username", "groups", "department", "employeeNumber");
}
