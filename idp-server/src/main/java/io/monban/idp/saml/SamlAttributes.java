package io.monban.idp.saml;

import io.monban.core.application.SamlAttribute;
import java.util.List;

/** The values of a user property an SP's attribute mapping names. */
final class SamlAttributes {

    static final String BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";
    static final String URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

    /** For SPs registered without a mapping: the usual names, basic format. */
    static final List<SamlAttribute> DEFAULTS = List.of(new SamlAttribute("email", "email", BASIC),
            new SamlAttribute("givenName", "givenName", BASIC), new SamlAttribute("surname", "surname", BASIC),
            new SamlAttribute("displayName", "displayName", BASIC), new SamlAttribute("groups", "groups", BASIC));

    private SamlAttributes() {
    }

    static List<String> values(SamlUsers.SamlUser user, String source) {
        return switch (source) {
            case "email" -> user.email().map(List::of).orElse(List.of());
            case "givenName" -> user.givenName().map(List::of).orElse(List.of());
            case "surname" -> user.familyName().map(List::of).orElse(List.of());
            case "displayName" -> user.displayName().map(List::of).orElse(List.of());
            case "username" -> List.of(user.username());
            case "groups" -> user.groups();
            // From HR over SCIM (the enterprise extension); absent for users HR does not manage.
            case "department" -> user.department().map(List::of).orElse(List.of());
            case "employeeNumber" -> user.employeeNumber().map(List::of).orElse(List.of());
            default -> List.of();
        };
    }
}
