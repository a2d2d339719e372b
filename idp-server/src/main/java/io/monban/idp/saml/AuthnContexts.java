package io.monban.idp.saml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AuthnContextClassRefs and what they mean here: level 1 is the password (over TLS), level 2 a
 * second factor on top. Evaluates an SP's RequestedAuthnContext into the level the sign-in must
 * reach (so that a step-up can be asked for), or into "impossible" (NoAuthnContext), and picks
 * the class that truthfully describes the sign-in in the response.
 */
final class AuthnContexts {

    static final String PASSWORD_PROTECTED_TRANSPORT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    static final String PASSWORD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Password";
    static final String UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";
    static final String REFEDS_MFA = "https://refeds.org/profile/mfa";
    static final String MONBAN_LOA1 = "urn:monban:loa:1";
    static final String MONBAN_LOA2 = "urn:monban:loa:2";

    private static final Map<String, Integer> LEVELS = Map.of(PASSWORD_PROTECTED_TRANSPORT, 1, PASSWORD, 1,
            UNSPECIFIED, 1, MONBAN_LOA1, 1, REFEDS_MFA, 2, MONBAN_LOA2, 2);

    private AuthnContexts() {
    }

    /**
     * What the request needs.
     *
     * @param requiredLevel the level the sign-in must have, or empty when no sign-in can satisfy the request
     */
    record Requirement(Optional<Integer> requiredLevel, String comparison, List<String> requested) {

        /** The class to put in the response for a sign-in of {@code level} (which meets the requirement). */
        String classFor(int level) {
            if ("exact".equals(comparison) || "maximum".equals(comparison)) {
                return requested.stream().filter(c -> LEVELS.get(c) != null && LEVELS.get(c) == level).findFirst()
                        .or(() -> requested.stream().filter(c -> LEVELS.get(c) != null && LEVELS.get(c) <= level)
                                .max((a, b) -> LEVELS.get(a) - LEVELS.get(b)))
                        .orElse(defaultClass(level));
            }
            return requested.stream().filter(c -> LEVELS.get(c) != null && LEVELS.get(c) == level).findFirst()
                    .orElse(defaultClass(level));
        }

        /** Whether a sign-in of {@code level} may be answered (maximum caps it, others floor it). */
        boolean satisfiedBy(int level) {
            return requiredLevel.map(required -> level >= required).orElse(false);
        }
    }

    static String defaultClass(int level) {
        return level >= 2 ? REFEDS_MFA : PASSWORD_PROTECTED_TRANSPORT;
    }

    /** @param spRequiresMfa the SP's own setting: level 2 whatever it asks for */
    static Requirement evaluate(String comparison, List<String> requested, boolean spRequiresMfa) {
        int floor = spRequiresMfa ? 2 : 1;
        if (requested.isEmpty()) {
            return new Requirement(Optional.of(floor), comparison, requested);
        }
        List<Integer> known = requested.stream().map(LEVELS::get).filter(l -> l != null).toList();
        if (known.isEmpty()) {
            return new Requirement(Optional.empty(), comparison, requested);
        }
        int min = known.stream().min(Integer::compare).orElseThrow();
        int max = known.stream().max(Integer::compare).orElseThrow();
        Optional<Integer> level = switch (comparison == null ? "exact" : comparison) {
            case "minimum" -> Optional.of(Math.max(min, floor));
            case "better" -> max >= 2 ? Optional.empty() : Optional.of(Math.max(max + 1, floor));
            // exact and maximum: a listed class (or one below the maximum) must describe the sign-in.
            default -> floor <= max ? Optional.of(Math.max(min, floor)) : Optional.empty();
        };
        return new Requirement(level, comparison == null ? "exact" : comparison, requested);
    }
}
