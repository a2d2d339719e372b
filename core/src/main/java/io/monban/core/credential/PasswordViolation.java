package io.monban.core.credential;

/**
 * One reason a password was refused.
 *
 * @param code     message key (e.g. {@code password.tooShort}) that pages translate
 * @param argument the number the message mentions, if any (e.g. the minimum length)
 */
public record PasswordViolation(String code, int argument) {

    /** English text for logs and configuration errors; pages use their message bundles. */
    public String describe() {
        return switch (code) {
            case "password.tooShort" -> "shorter than " + argument + " characters";
            case "password.tooLong" -> "longer than " + argument + " characters";
            case "password.containsIdentity" -> "contains the username or email";
            case "password.tooGuessable" -> "too easy to guess (common word, pattern or sequence)";
            case "password.reused" -> "one of the last " + argument + " passwords";
            default -> code;
        };
    }
}
