package io.monban.core.credential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Decides whether a new password is acceptable. Returns every violation at once, as message codes
 * the pages translate, so a user fixes everything in one go.
 */
public final class PasswordPolicy {

    private final PasswordProperties properties;
    private final Nbvcxz estimator = new Nbvcxz();

    public PasswordPolicy(PasswordProperties properties) {
        this.properties = properties;
    }

    public PasswordProperties properties() {
        return properties;
    }

    public List<PasswordViolation> check(String password, String username, String email) {
        List<PasswordViolation> violations = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < properties.minLength()) {
            violations.add(new PasswordViolation("password.tooShort", properties.minLength()));
        }
        if (length > properties.maxLength()) {
            violations.add(new PasswordViolation("password.tooLong", properties.maxLength()));
            return violations; // not worth estimating
        }
        String lower = password.toLowerCase(Locale.ROOT);
        boolean containsIdentity = identityParts(username, email)
                .anyMatch(part -> part.length() >= 3 && lower.contains(part));
        if (containsIdentity) {
            violations.add(new PasswordViolation("password.containsIdentity", 0));
        }
        if (length >= properties.minLength()) {
            Result result = estimator.estimate(password);
            if (result.getEntropy() < properties.minEntropy()) {
                violations.add(new PasswordViolation("password.tooGuessable", 0));
            }
        }
        return violations;
    }

    private static Stream<String> identityParts(String username, String email) {
        String localPart = email == null ? null : email.split("@", 2)[0];
        return Stream.of(username, email, localPart).filter(Objects::nonNull)
                .map(s -> s.toLowerCase(Locale.ROOT));
    }
}
