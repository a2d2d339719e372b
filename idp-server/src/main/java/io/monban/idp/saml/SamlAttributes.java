package io.monban.idp.saml;

import io.monban.core.application.SamlAttribute;
import io.monban.core.directory.Group;
import io.monban.core.directory.User;
import java.util.List;
import java.util.Optional;

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

    static List<String> values(User user, String source) {
        return switch (source) {
            case "email" -> user.getEmail().map(List::of).orElse(List.of());
            case "givenName" -> user.getGivenName().map(List::of).orElse(List.of());
            case "surname" -> user.getFamilyName().map(List::of).orElse(List.of());
            case "displayName" -> Optional.ofNullable(user.getDisplayName()).map(List::of).orElse(List.of());
            case "username" -> List.of(user.getUsername());
            case "groups" -> user.getGroups().stream().map(Group::getName).sorted().toList();
            // Enterprise attributes are not in the directory yet (the SCIM work adds them); nothing to send.
            case "department", "employeeNumber" -> List.of();
            default -> List.of();
        };
    }
}
