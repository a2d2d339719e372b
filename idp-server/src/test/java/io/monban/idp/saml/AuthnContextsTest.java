package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthnContextsTest {

    @Test
    void noRequestNeedsThePasswordAndAnswersPasswordProtectedTransportOrMfaTruthfully() {
        AuthnContexts.Requirement requirement = AuthnContexts.evaluate(null, List.of(), false);
        assertThat(requirement.requiredLevel()).contains(1);
        assertThat(requirement.classFor(1)).isEqualTo(AuthnContexts.PASSWORD_PROTECTED_TRANSPORT);
        assertThat(requirement.classFor(2)).isEqualTo(AuthnContexts.REFEDS_MFA);
    }

    @Test
    void anSpThatRequiresMfaNeedsLevelTwoWhateverItAsks() {
        assertThat(AuthnContexts.evaluate(null, List.of(), true).requiredLevel()).contains(2);
        assertThat(AuthnContexts.evaluate("minimum", List.of(AuthnContexts.PASSWORD), true).requiredLevel()).contains(2);
    }

    @Test
    void askingForMfaNeedsLevelTwoAndIsAnsweredWithTheRequestedClass() {
        AuthnContexts.Requirement monban = AuthnContexts.evaluate("exact", List.of(AuthnContexts.MONBAN_LOA2), false);
        assertThat(monban.requiredLevel()).contains(2);
        assertThat(monban.classFor(2)).isEqualTo(AuthnContexts.MONBAN_LOA2);
        assertThat(AuthnContexts.evaluate("minimum", List.of(AuthnContexts.REFEDS_MFA), false).requiredLevel())
                .contains(2);
        assertThat(AuthnContexts.evaluate("better", List.of(AuthnContexts.PASSWORD_PROTECTED_TRANSPORT), false)
                .requiredLevel()).contains(2);
    }

    @Test
    void exactPasswordIsAnsweredWithPasswordEvenAfterMfaSinceThatIsTrueToo() {
        AuthnContexts.Requirement exact = AuthnContexts.evaluate("exact",
                List.of(AuthnContexts.PASSWORD_PROTECTED_TRANSPORT), false);
        assertThat(exact.requiredLevel()).contains(1);
        assertThat(exact.classFor(2)).isEqualTo(AuthnContexts.PASSWORD_PROTECTED_TRANSPORT);
    }

    @Test
    void unknownOrUnreachableContextsCannotBeSatisfied() {
        assertThat(AuthnContexts.evaluate("exact", List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos"), false)
                .requiredLevel()).isEqualTo(Optional.empty());
        assertThat(AuthnContexts.evaluate("better", List.of(AuthnContexts.REFEDS_MFA), false).requiredLevel())
                .isEmpty();
        // The SP insists on MFA but asks for exactly a password class: no truthful answer exists.
        assertThat(AuthnContexts.evaluate("exact", List.of(AuthnContexts.PASSWORD), true).requiredLevel()).isEmpty();
    }
}
