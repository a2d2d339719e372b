package io.monban.core.credential;

import java.util.List;

public class PasswordRejectedException extends RuntimeException {

    private final List<PasswordViolation> violations;

    public PasswordRejectedException(List<PasswordViolation> violations) {
        super("password rejected: " + violations.stream().map(PasswordViolation::code).toList());
        this.violations = List.copyOf(violations);
    }

    public List<PasswordViolation> violations() {
        return violations;
    }
}
