package io.monban.core.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(PasswordProperties.defaults());

    private List<String> codes(String password, String username, String email) {
        return policy.check(password, username, email).stream().map(PasswordViolation::code).toList();
    }

    @Test
    void acceptsALongUnrelatedPassphrase() {
        assertThat(codes("violet-harbor-cactus-91-lantern", "alice", "alice@example.com")).isEmpty();
    }

    @Test
    void refusesPasswordsShorterThanTheMinimum() {
        assertThat(codes("Xq7#pL2!v", "alice", null)).contains("password.tooShort");
    }

    @Test
    void refusesCommonPasswordsThatAreLongEnough() {
        assertThat(codes("password1234", "alice", null)).contains("password.tooGuessable");
        assertThat(codes("qwertyuiop123", "alice", null)).contains("password.tooGuessable");
    }

    @Test
    void refusesPasswordsContainingTheUsernameOrEmail() {
        assertThat(codes("xX-yamada.taro-harbor-91", "yamada.taro", null)).contains("password.containsIdentity");
        assertThat(codes("harbor-cactus-TAROY-lantern", "t123", "taroy@example.com"))
                .contains("password.containsIdentity");
    }

    @Test
    void refusesAbsurdlyLongPasswordsWithoutEstimatingThem() {
        assertThat(codes("a".repeat(10_000), "alice", null)).containsExactly("password.tooLong");
    }

    @Test
    void minimumLengthCannotBeConfiguredBelowEight() {
        assertThatThrownBy(() -> new PasswordProperties(7, 256, 5, 40, PasswordProperties.Argon2.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
    }
}
